"""Paths of the innovation index, included by compliance/urls.py under the `compliance` namespace."""

from django.urls import path

from compliance.iid import views, views_files

urlpatterns = [
    path("iid/", views.IndexView.as_view(), name="iid"),
    path("iid/losses/", views.LossesView.as_view(), name="iid-losses"),
    path("iid/verify/", views.VerifyQueueView.as_view(), name="iid-verify"),
    path("iid/agency/<int:pk>/", views.AgencyIndexView.as_view(), name="iid-agency"),
    path("iid/innovation/<int:pk>/", views.InnovationAnswersView.as_view(), name="iid-innovation"),
    path(
        "iid/innovation/<int:pk>/<int:number>/", views.InnovationAnswerEditView.as_view(), name="iid-innovation-answer"
    ),
    path("iid/region/<int:pk>/<int:year>/", views.RegionAnswersView.as_view(), name="iid-region-answers"),
    path(
        "iid/region/<int:pk>/<int:year>/<int:number>/", views.RegionAnswerEditView.as_view(), name="iid-region-answer"
    ),
    path("iid/answer/<int:pk>/file/", views.AnswerFileView.as_view(), name="iid-answer-file"),
    path("iid/answer/<int:pk>/<slug:action>/", views.AnswerMoveView.as_view(), name="iid-answer-move"),
    path("iid/catalogue/", views_files.CatalogueView.as_view(), name="iid-catalogue"),
    path("iid/catalogue/import/", views_files.CatalogueImportView.as_view(), name="iid-catalogue-import"),
    path(
        "iid/catalogue/import/<int:pk>/", views_files.CatalogueImportPreviewView.as_view(), name="iid-catalogue-preview"
    ),
    path("iid/export/", views_files.ExportStartView.as_view(), name="iid-export-start"),
    path("iid/export/<uuid:token>/", views_files.ExportDetailView.as_view(), name="iid-export"),
    path("iid/export/<uuid:token>/status/", views_files.ExportStatusView.as_view(), name="iid-export-status"),
    path("iid/export/<uuid:token>/<slug:which>/", views_files.ExportFileView.as_view(), name="iid-export-file"),
]
