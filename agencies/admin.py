from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyChange, AgencyType, Region, RoleAssignment, User
from core import audit


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["agency"]
    fields = ["role", "region", "agency", "title", "active_from", "active_until"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), (_("Civil service"), {"fields": ("full_name", "nip", "phone")}))
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email", "nip"]
    inlines = [RoleInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Roles edited here skip agencies.services: record each change for the audit page all the same.
        super().save_formset(request, form, formset, change)
        if formset.model is RoleAssignment:
            for assignment in formset.new_objects:
                audit.record(
                    audit.Kind.ROLE, request=request, summary=f"granted in admin: {form.instance} · {assignment}"
                )
            for assignment, fields in formset.changed_objects:
                audit.record(
                    audit.Kind.ROLE, request=request, summary=f"changed in admin ({', '.join(fields)}): {assignment}"
                )
            for assignment in formset.deleted_objects:
                audit.record(audit.Kind.ROLE, request=request, summary=f"deleted in admin: {assignment}")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level"]
    search_fields = ["code", "name"]


@admin.register(AgencyType)
class AgencyTypeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "name_en", "subject_to_quota", "territorial", "sort_order"]
    list_editable = ["subject_to_quota", "sort_order"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "region", "active_until"]
    list_filter = ["type", "region"]
    search_fields = ["code", "name", "kemendagri_code"]
    raw_id_fields = ["parent", "merged_into"]
    readonly_fields = ["path", "depth"]

    def has_delete_permission(self, request, obj=None):
        return False  # agencies are dissolved or merged, never deleted: their records must stay


@admin.register(AgencyChange)
class AgencyChangeAdmin(admin.ModelAdmin):
    list_display = ["agency", "kind", "changed_by", "changed_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in AgencyChange._meta.fields]

    def has_add_permission(self, request):
        return False
