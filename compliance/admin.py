"""Administration of the data that changes by regulation: Ombudsman methods and bands, the survey's elements,
conversion table and obligations."""

from django.contrib import admin

from compliance.models import AssessmentMethod, Band, SurveyElement, SurveyGrade, SurveyObligation


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


@admin.register(AssessmentMethod)
class AssessmentMethodAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "first_year", "last_year", "scale_min", "scale_max", "has_dimensions")
    inlines = [BandInline]


@admin.register(SurveyElement)
class SurveyElementAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "position")


@admin.register(SurveyGrade)
class SurveyGradeAdmin(admin.ModelAdmin):
    list_display = ("grade", "lower", "upper", "label")


@admin.register(SurveyObligation)
class SurveyObligationAdmin(admin.ModelAdmin):
    list_display = ("agency_type", "since_year")
