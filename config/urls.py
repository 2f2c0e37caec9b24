from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from agencies.api import AgencyViewSet
from agencies.auth_views import (
    PasswordChangeView,
    PasswordResetView,
    TwoFactorEnrolView,
    TwoFactorSettingsView,
    TwoFactorVerifyView,
)
from agencies.forms import LoginForm
from competition.api import CompetitionEntryViewSet, CompetitionViewSet
from compliance.iid.api import IidViewSet
from compliance.ombudsman.api import AssessmentViewSet, FindingViewSet
from compliance.quota.api import QuotaViewSet
from compliance.readiness.api import ReadinessViewSet
from compliance.standards.api import ServiceViewSet
from config.health import healthz
from core.audit_views import AuditListView
from core.import_views import ImportStatusView
from core.views import NotificationListView, NotificationOpenView
from innovations.api import InnovationViewSet
from reports.dashboard_views import DashboardView
from reports.views import home

admin.site.site_header = _("Satu Inovasi administration")
admin.site.site_title = _("Satu Inovasi")

api = routers.DefaultRouter()
api.register("agencies", AgencyViewSet, basename="agency")
api.register("innovations", InnovationViewSet, basename="innovation")
api.register("quota", QuotaViewSet, basename="quota")
api.register("compliance/assessments", AssessmentViewSet, basename="assessment")
api.register("compliance/findings", FindingViewSet, basename="finding")
api.register("competitions", CompetitionViewSet, basename="competition")
api.register("competition-entries", CompetitionEntryViewSet, basename="competition-entry")
api.register("iid", IidViewSet, basename="iid")
api.register("services", ServiceViewSet, basename="service")
api.register("readiness", ReadinessViewSet, basename="readiness")

urlpatterns = [
    path("", home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/2fa/", TwoFactorSettingsView.as_view(), name="two-factor"),
    path("accounts/2fa/verify/", TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path("accounts/2fa/enrol/", TwoFactorEnrolView.as_view(), name="two-factor-enrol"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("agencies/", include("agencies.urls")),
    path("innovations/", include("innovations.urls")),
    path("compliance/", include("compliance.urls")),
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("kompetisi/", include("competition.urls")),
    path("reports/exports/", include("core.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/", NotificationOpenView.as_view(), name="notification-open"),
    path("api/v1/", include(api.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script); its page keeps one <style>.
    path(
        "api/docs/",
        csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
    path("imports/<int:pk>/status/", ImportStatusView.as_view(), name="import-status"),
    path("katalog/", include("innovations.catalogue.urls")),
    path("publik/", include("innovations.public.urls")),
    path("audit/", AuditListView.as_view(), name="audit"),
    path("publik/", include("compliance.standards.public_urls")),
]
