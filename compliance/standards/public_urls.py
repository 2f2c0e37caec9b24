"""Public paths of service standards, mounted by config/urls.py under /publik/ (namespace `standards-public`)."""

from django.urls import path

from compliance.standards.views import public

app_name = "standards-public"
urlpatterns = [
    path("<str:region>/unit/<str:agency>/", public.PublicUnitView.as_view(), name="unit"),
    path("<str:region>/unit/<str:agency>/layanan/<slug:slug>/", public.PublicServiceView.as_view(), name="service"),
    path(
        "<str:region>/unit/<str:agency>/layanan/<slug:slug>/poster-a4.pdf",
        public.PosterView.as_view(size="A4"),
        name="poster-a4",
    ),
    path(
        "<str:region>/unit/<str:agency>/layanan/<slug:slug>/poster-a3.pdf",
        public.PosterView.as_view(size="A3"),
        name="poster-a3",
    ),
]
