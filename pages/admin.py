from django.contrib import admin

from .models import FaqEntry, Guideline, NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "title_en", "published_at", "updated_at"]
    search_fields = ["title_sv", "title_en", "body_sv", "body_en"]
    prepopulated_fields = {"slug": ["title_sv"]}
    date_hierarchy = "published_at"


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question_sv", "question_en", "position"]
    list_editable = ["position"]
    search_fields = ["question_sv", "question_en", "answer_sv", "answer_en"]


@admin.register(Guideline)
class GuidelineAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "title_en", "position"]
    list_editable = ["position"]
    search_fields = ["title_sv", "title_en"]
    prepopulated_fields = {"slug": ["title_en"]}
