"""Paths of the Ombudsman part, included by compliance/urls.py under the `compliance` namespace."""

from django.urls import path

from compliance.ombudsman.views import assessments, findings

urlpatterns = [
    path("ombudsman/import/", assessments.AssessmentImportView.as_view(), name="assessment-import"),
    path("ombudsman/new/", assessments.AssessmentCreateView.as_view(), name="assessment-create"),
    path("ombudsman/<int:pk>/correct/", assessments.AssessmentCorrectView.as_view(), name="assessment-correct"),
    path("ombudsman/agency/<int:pk>/", assessments.AgencyAssessmentsView.as_view(), name="agency-assessments"),
    path(
        "ombudsman/import/<int:pk>/",
        assessments.AssessmentImportPreviewView.as_view(),
        name="assessment-import-preview",
    ),
    path("ombudsman/", assessments.OmbudsmanOverviewView.as_view(), name="ombudsman"),
    path("ombudsman/<int:pk>/source/", assessments.AssessmentSourceView.as_view(), name="assessment-source"),
    path("ombudsman/<int:pk>/findings/new/", findings.FindingCreateView.as_view(), name="finding-create"),
    path("ombudsman/findings/", findings.FindingListView.as_view(), name="findings"),
    path(
        "ombudsman/<int:pk>/findings/services/",
        findings.FindingServiceAutocompleteView.as_view(),
        name="finding-service-autocomplete",
    ),
    path("ombudsman/findings/<int:pk>/", findings.FindingDetailView.as_view(), name="finding"),
    path("ombudsman/findings/evidence/<int:pk>/", findings.FindingEvidenceView.as_view(), name="finding-evidence"),
]
