from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("agency/<int:pk>/scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("agency/<int:pk>/scorecard.pdf", views.ScorecardPdfView.as_view(), name="scorecard-pdf"),
]
