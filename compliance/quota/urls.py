"""Paths of the quota, included by compliance/urls.py under the `compliance` namespace (compliance:quota ...)."""

from django.urls import path

from compliance.quota import views

urlpatterns = [
    path("quota/", views.QuotaOverviewView.as_view(), name="quota"),
    path("quota/mine/", views.MyQuotaView.as_view(), name="my-quota"),
    path("quota/rule/<int:year>/", views.QuotaRuleView.as_view(), name="quota-rule"),
    path("quota/agency/<int:pk>/", views.AgencyQuotaView.as_view(), name="agency-quota"),
    path("quota/exemption/<int:pk>/decide/", views.ExemptionDecideView.as_view(), name="exemption-decide"),
]
