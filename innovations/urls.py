from django.urls import path

from innovations import views

app_name = "innovations"
urlpatterns = [
    path("", views.InnovationListView.as_view(), name="list"),
    path("mine/", views.MyInnovationsView.as_view(), name="mine"),
    path("new/", views.InnovationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.InnovationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.InnovationUpdateView.as_view(), name="update"),
    path("<int:pk>/do/<slug:action>/", views.InnovationTransitionView.as_view(), name="transition"),
    path("<int:pk>/continue/", views.InnovationContinueView.as_view(), name="continue"),
    path("<int:pk>/stop/", views.InnovationStopView.as_view(), name="stop"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
    path("autocomplete/", views.InnovationAutocompleteView.as_view(), name="autocomplete"),
]
