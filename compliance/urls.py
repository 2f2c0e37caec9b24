from django.urls import path

from compliance import ombudsman_views, survey_views, views

app_name = "compliance"
urlpatterns = [
    path("quota/", views.QuotaOverviewView.as_view(), name="quota"),
    path("quota/mine/", views.MyQuotaView.as_view(), name="my-quota"),
    path("quota/rule/<int:year>/", views.QuotaRuleView.as_view(), name="quota-rule"),
    path("quota/agency/<int:pk>/", views.AgencyQuotaView.as_view(), name="agency-quota"),
    path("quota/exemption/<int:pk>/decide/", views.ExemptionDecideView.as_view(), name="exemption-decide"),
    path("ombudsman/import/", views.AssessmentImportView.as_view(), name="assessment-import"),
    path("ombudsman/new/", views.AssessmentCreateView.as_view(), name="assessment-create"),
    path("ombudsman/<int:pk>/correct/", views.AssessmentCorrectView.as_view(), name="assessment-correct"),
    path("ombudsman/agency/<int:pk>/", views.AgencyAssessmentsView.as_view(), name="agency-assessments"),
    path("ombudsman/import/<int:pk>/", views.AssessmentImportPreviewView.as_view(), name="assessment-import-preview"),
    path("ombudsman/", ombudsman_views.OmbudsmanOverviewView.as_view(), name="ombudsman"),
    path("ombudsman/<int:pk>/source/", ombudsman_views.AssessmentSourceView.as_view(), name="assessment-source"),
    path("ombudsman/<int:pk>/findings/new/", ombudsman_views.FindingCreateView.as_view(), name="finding-create"),
    path("ombudsman/findings/", ombudsman_views.FindingListView.as_view(), name="findings"),
    path("ombudsman/findings/<int:pk>/", ombudsman_views.FindingDetailView.as_view(), name="finding"),
    path(
        "ombudsman/findings/evidence/<int:pk>/",
        ombudsman_views.FindingEvidenceView.as_view(),
        name="finding-evidence",
    ),
    path("skm/", survey_views.SurveyOverviewView.as_view(), name="surveys"),
    path("skm/new/", survey_views.SurveyTotalsView.as_view(), name="survey-create"),
    path("skm/import/", survey_views.SurveyImportView.as_view(), name="survey-import"),
    path("skm/import/<int:pk>/", survey_views.SurveyImportPreviewView.as_view(), name="survey-import-preview"),
    path("skm/<int:pk>/", survey_views.SurveyDetailView.as_view(), name="survey"),
    path("skm/agency/<int:pk>/", survey_views.AgencySurveysView.as_view(), name="agency-surveys"),
]
