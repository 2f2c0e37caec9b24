from django.urls import path

from innovations.public import views

app_name = "public-innovations"
urlpatterns = [
    path("<str:region_code>/inovasi/", views.PublicListView.as_view(), name="list"),
    path("<str:region_code>/inovasi.csv", views.OpenDataCsvView.as_view(), name="csv"),
    path("<str:region_code>/inovasi.json", views.OpenDataJsonView.as_view(), name="json"),
    path("<str:region_code>/inovasi/<int:pk>-<slug:slug>/", views.PublicDetailView.as_view(), name="detail"),
    path("<str:region_code>/inovasi/<int:pk>/", views.PublicDetailView.as_view(), name="detail-short"),
    path("<str:region_code>/inovasi/bukti/<int:pk>/", views.PublicEvidenceView.as_view(), name="evidence"),
]
