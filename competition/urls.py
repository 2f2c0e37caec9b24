from django.urls import path

from competition import views

app_name = "competition"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="list"),
    path("new/", views.RoundCreateView.as_view(), name="create"),
    path("reviews/", views.MyReviewsView.as_view(), name="my-reviews"),
    path("reviews/<int:pk>/reopen/", views.ReviewReopenView.as_view(), name="review-reopen"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("<int:pk>/settings/", views.RoundUpdateView.as_view(), name="round-update"),
    path("<int:pk>/enter/", views.EnterView.as_view(), name="enter"),
    path("<int:pk>/panel/", views.PanelView.as_view(), name="panel"),
    path("<int:pk>/ranking/", views.RankingView.as_view(), name="ranking"),
    path("<int:pk>/advance/", views.AdvanceView.as_view(), name="advance"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/stages/<int:stage_pk>/criteria/", views.CriteriaView.as_view(), name="criteria"),
    path("<int:pk>/stages/<int:stage_pk>/<slug:override>/", views.StageOverrideView.as_view(), name="stage-override"),
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry"),
    path("entries/<int:pk>/edit/", views.EntryEditView.as_view(), name="entry-edit"),
    path("entries/<int:pk>/withdraw/", views.EntryWithdrawView.as_view(), name="entry-withdraw"),
    path("entries/<int:pk>/nomination/", views.NominationView.as_view(), name="nomination"),
    path("entries/<int:pk>/review/<int:stage_pk>/", views.ReviewView.as_view(), name="review"),
]
