"""Paths of service standards, included by compliance/urls.py under the `compliance` namespace."""

from django.urls import path

from compliance.standards.views import services, standards

urlpatterns = [
    path("layanan/", services.ServiceListView.as_view(), name="services"),
    path("layanan/unit/<int:pk>/", services.AgencyServicesView.as_view(), name="agency-services"),
    path("layanan/unit/<int:pk>/maklumat/", services.MaklumatView.as_view(), name="maklumat"),
    path("layanan/unit/<int:pk>/maklumat/berkas/", services.MaklumatFileView.as_view(), name="maklumat-file"),
    path("layanan/<int:pk>/", standards.ServiceDetailView.as_view(), name="service"),
    path("layanan/<int:pk>/bandingkan/", standards.CompareView.as_view(), name="service-compare"),
    path("layanan/standar/<int:pk>/ubah/", standards.StandardEditView.as_view(), name="standard-edit"),
    path("layanan/standar/<int:pk>/sk/", standards.DecreeFileView.as_view(), name="standard-decree"),
]
