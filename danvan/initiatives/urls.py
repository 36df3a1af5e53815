from django.urls import path

from danvan.initiatives import views
from danvan.initiatives.sheets import views as sheet_views

app_name = "initiatives"
urlpatterns = [
    path("", views.model_list, name="list"),
    path("new/", views.model_create, name="create"),
    path("stats/", views.model_stats, name="stats"),
    path("queue/", views.model_queue, name="queue"),
    path("units/", views.unit_choices, name="unit_choices"),
    path("template.xlsx", sheet_views.initiatives_template, name="sheet_template"),
    path("export.xlsx", sheet_views.initiatives_export, name="sheet_export"),
    path("registration-form.docx", sheet_views.registration_form_blank, name="registration_blank"),
    path("people/", views.person_choices, name="person_choices"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/registration.docx", sheet_views.registration_form, name="registration_docx"),
    path("<int:pk>/registration.pdf", sheet_views.registration_form_pdf, name="registration_pdf"),
    path("<int:pk>/edit/", views.model_edit, name="edit"),
    path("<int:pk>/transition/", views.model_transition, name="transition"),
    path("<int:pk>/replicate/", views.model_replicate, name="replicate"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_id>/thumb/", views.evidence_thumbnail, name="evidence_thumb"),
]
