from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("exports/", views.ExportListView.as_view(), name="exports"),
    path("exports/<slug:kind>/new/", views.ExportStartView.as_view(), name="export-start"),
    path("exports/<uuid:token>/", views.ExportDetailView.as_view(), name="export-detail"),
    path("exports/<uuid:token>/status/", views.ExportStatusView.as_view(), name="export-status"),
    path("exports/<uuid:token>/download/", views.ExportDownloadView.as_view(), name="export-download"),
    path("exports/<uuid:token>/retry/", views.ExportRetryView.as_view(), name="export-retry"),
    path("agency/<int:pk>/scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("agency/<int:pk>/scorecard.pdf", views.ScorecardPdfView.as_view(), name="scorecard-pdf"),
]
