from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import routers

from agencies.api import AgencyViewSet
from agencies.forms import LoginForm
from competition.api import CompetitionEntryViewSet, CompetitionViewSet
from compliance.ombudsman.api import AssessmentViewSet
from compliance.quota.api import QuotaViewSet
from compliance.readiness.api import ReadinessViewSet
from compliance.standards.api import ServiceViewSet
from config.health import healthz
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
api.register("competitions", CompetitionViewSet, basename="competition")
api.register("competition-entries", CompetitionEntryViewSet, basename="competition-entry")
api.register("services", ServiceViewSet, basename="service")
api.register("readiness", ReadinessViewSet, basename="readiness")

urlpatterns = [
    path("", home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
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
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("publik/", include("compliance.standards.public_urls")),
]
