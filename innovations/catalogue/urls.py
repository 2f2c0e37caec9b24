from django.urls import path

from innovations.catalogue import running_views, views

app_name = "catalogue"
urlpatterns = [
    path("", views.CatalogueListView.as_view(), name="list"),
    path("instansi/", views.CatalogueAgencyAutocompleteView.as_view(), name="agency-autocomplete"),
    path("<int:pk>/", views.CatalogueDetailView.as_view(), name="detail"),
    path("<int:pk>/replikasi/", views.ReplicateView.as_view(), name="replicate"),
    path("replikasi/<int:pk>/konfirmasi/", views.ReplicationConfirmView.as_view(), name="confirm"),
    path("bukti/<int:pk>/", views.CatalogueEvidenceView.as_view(), name="evidence"),
    path("inovasi/<int:pk>/publikasi/", views.PublicationView.as_view(), name="publication"),
    path("inovasi/<int:pk>/tarik/", views.UnpublishView.as_view(), name="unpublish"),
    path("masih-berjalan/", running_views.RunningView.as_view(), name="running"),
    path("masih-berjalan/<int:pk>/jawab/", running_views.AnswerView.as_view(), name="answer"),
    path("masih-berjalan/wilayah/<int:pk>/", running_views.RoundCreateView.as_view(), name="round"),
    path("pengaturan/<int:pk>/", running_views.CatalogueSettingView.as_view(), name="setting"),
]
