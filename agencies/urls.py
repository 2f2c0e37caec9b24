from django.urls import path

from agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.AgencyListView.as_view(), name="list"),
    path("new/", views.AgencyCreateView.as_view(), name="create"),
    path("import/", views.AgencyImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.AgencyImportPreviewView.as_view(), name="import-preview"),
    path("<int:pk>/", views.AgencyDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.AgencyUpdateView.as_view(), name="update"),
    path("<int:pk>/merge/", views.AgencyMergeView.as_view(), name="merge"),
    path("<int:pk>/deactivate/", views.AgencyDissolveView.as_view(), name="deactivate"),
    path("<int:pk>/people/", views.PersonAddView.as_view(), name="person-add"),
    path("<int:pk>/people/<int:role_pk>/end/", views.RoleEndView.as_view(), name="role-end"),
    path("autocomplete/", views.AgencyAutocompleteView.as_view(), name="autocomplete"),
]
