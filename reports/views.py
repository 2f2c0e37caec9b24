"""The home page; the dashboards of the mayor's office join it in the reports issue."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agencies.selectors import role_assignments_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", {"roles": list(role_assignments_of(request.user))})
