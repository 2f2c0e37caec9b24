from django.urls import path

from reports import heads_views, views

app_name = "reports"
urlpatterns = [
    path("agency/<int:pk>/scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("agency/<int:pk>/scorecard.pdf", views.ScorecardPdfView.as_view(), name="scorecard-pdf"),
    path("heads/", heads_views.HeadLeagueView.as_view(), name="head-league"),
    path("heads/<int:year>/<int:person_id>/", heads_views.HeadStatementView.as_view(), name="head-statement"),
    path("heads/<int:year>/<int:person_id>.pdf", heads_views.HeadStatementPdfView.as_view(), name="head-statement-pdf"),
]
