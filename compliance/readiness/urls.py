"""Paths of readiness, included by compliance/urls.py under the `compliance` namespace."""

from django.urls import path

from compliance.readiness import views

urlpatterns = [
    path("kesiapan/", views.ReadinessOverviewView.as_view(), name="readiness"),
    path("kesiapan/unit/<int:pk>/<int:year>/", views.ChecklistView.as_view(), name="readiness-checklist"),
    path("kesiapan/unit/<int:pk>/<int:year>/cek/", views.FieldCheckView.as_view(), name="readiness-field-check"),
    path("kesiapan/berkas/<int:pk>/", views.EntryFileView.as_view(), name="readiness-file"),
    path("kesiapan/foto/<int:pk>/", views.FieldCheckPhotoView.as_view(), name="readiness-photo"),
]
