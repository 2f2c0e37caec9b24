from django.urls import path

from competition.views import agency, awards, evaluator, organiser, shared

app_name = "competition"
urlpatterns = [
    path("", shared.RoundListView.as_view(), name="list"),
    path("new/", organiser.RoundCreateView.as_view(), name="create"),
    path("awards/", awards.AwardsView.as_view(), name="awards"),
    path("reviews/", evaluator.MyReviewsView.as_view(), name="my-reviews"),
    path("reviews/<int:pk>/reopen/", organiser.ReviewReopenView.as_view(), name="review-reopen"),
    path("<int:pk>/", shared.RoundDetailView.as_view(), name="round"),
    path("<int:pk>/settings/", organiser.RoundUpdateView.as_view(), name="round-update"),
    path("<int:pk>/enter/", agency.EnterView.as_view(), name="enter"),
    path("<int:pk>/panel/", organiser.PanelView.as_view(), name="panel"),
    path("<int:pk>/panel/evaluators/", organiser.EvaluatorAutocompleteView.as_view(), name="evaluator-autocomplete"),
    path("<int:pk>/panel/entries/", organiser.EntryAutocompleteView.as_view(), name="entry-autocomplete"),
    path("<int:pk>/ranking/", organiser.RankingView.as_view(), name="ranking"),
    path("<int:pk>/advance/", organiser.AdvanceView.as_view(), name="advance"),
    path("<int:pk>/publish/", organiser.PublishView.as_view(), name="publish"),
    path("<int:pk>/stages/<int:stage_pk>/criteria/", organiser.CriteriaView.as_view(), name="criteria"),
    path(
        "<int:pk>/stages/<int:stage_pk>/<slug:override>/",
        organiser.StageOverrideView.as_view(),
        name="stage-override",
    ),
    path("entries/<int:pk>/", shared.EntryDetailView.as_view(), name="entry"),
    path("entries/<int:pk>/edit/", agency.EntryEditView.as_view(), name="entry-edit"),
    path("entries/<int:pk>/withdraw/", agency.EntryWithdrawView.as_view(), name="entry-withdraw"),
    path("entries/<int:pk>/nomination/", shared.NominationView.as_view(), name="nomination"),
    path("entries/<int:pk>/nomination.docx", shared.NominationView.as_view(), {"fmt": "docx"}, name="nomination-docx"),
    path("entries/<int:pk>/nomination.pdf", shared.NominationView.as_view(), {"fmt": "pdf"}, name="nomination-pdf"),
    path("entries/<int:pk>/review/<int:stage_pk>/", evaluator.ReviewView.as_view(), name="review"),
]
