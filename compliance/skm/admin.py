"""Administration of the data that changes by regulation: the survey's elements, conversion table and
obligations."""

from django.contrib import admin

from compliance.skm.models import SurveyElement, SurveyGrade, SurveyObligation


@admin.register(SurveyElement)
class SurveyElementAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "position")


@admin.register(SurveyGrade)
class SurveyGradeAdmin(admin.ModelAdmin):
    list_display = ("grade", "lower", "upper", "label")


@admin.register(SurveyObligation)
class SurveyObligationAdmin(admin.ModelAdmin):
    list_display = ("agency_type", "since_year")
