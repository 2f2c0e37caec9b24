"""The export pages, mounted under reports/exports/ (the paths they had when they lived in `reports`)."""

from django.urls import path

from core import export_views as views

app_name = "exports"
urlpatterns = [
    path("", views.ExportListView.as_view(), name="list"),
    path("<slug:kind>/new/", views.ExportStartView.as_view(), name="start"),
    path("<uuid:token>/", views.ExportDetailView.as_view(), name="detail"),
    path("<uuid:token>/status/", views.ExportStatusView.as_view(), name="status"),
    path("<uuid:token>/download/", views.ExportDownloadView.as_view(), name="download"),
    path("<uuid:token>/retry/", views.ExportRetryView.as_view(), name="retry"),
]
