"""Paths of the satisfaction surveys, included by compliance/urls.py under the `compliance` namespace."""

from django.urls import path

from compliance.skm import views

urlpatterns = [
    path("skm/", views.SurveyOverviewView.as_view(), name="surveys"),
    path("skm/new/", views.SurveyTotalsView.as_view(), name="survey-create"),
    path("skm/import/", views.SurveyImportView.as_view(), name="survey-import"),
    path("skm/import/<int:pk>/", views.SurveyImportPreviewView.as_view(), name="survey-import-preview"),
    path("skm/<int:pk>/", views.SurveyDetailView.as_view(), name="survey"),
    path("skm/agency/<int:pk>/", views.AgencySurveysView.as_view(), name="agency-surveys"),
    path("skm/services/", views.SurveyServiceAutocompleteView.as_view(), name="survey-service-autocomplete"),
]
