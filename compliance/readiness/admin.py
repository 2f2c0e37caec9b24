"""Administration of the data that changes by year: the method's dimensions, items and weights, and deadlines."""

from django.contrib import admin

from compliance.readiness.models import Deadline, Dimension, Item


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "weight", "position")
    list_filter = ("year",)
    inlines = [ItemInline]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "due")
