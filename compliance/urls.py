from django.urls import path

from compliance import views

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
]
