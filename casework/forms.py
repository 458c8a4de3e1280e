from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import uploads
from core.models import User

from .models import BODY_MAX_LENGTH
from .services import officers


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    file = forms.FileField(
        label=gettext_lazy("Attach a document (optional)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": uploads.ACCEPT}),
    )
    internal = forms.BooleanField(
        label=gettext_lazy("Internal note: only ICLD's staff see it"), required=False
    )

    def __init__(self, *args, notes: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt), at most %(max)s."
        ) % {"max": filesizeformat(uploads.max_bytes())}
        if not notes:
            del self.fields["internal"]


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.email


class AssignForm(forms.Form):
    officer = OfficerChoiceField(label=gettext_lazy("Case officer"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers()


class QueueFilterForm(forms.Form):
    officer = forms.ChoiceField(label=gettext_lazy("Whose cases"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.officers = {str(u.pk): u for u in officers()}
        self.fields["officer"].choices = [
            ("", _("Mine")),
            ("all", _("The whole team")),
            ("none", _("Nobody's yet")),
            *[(pk, u.get_full_name() or u.email) for pk, u in self.officers.items()],
        ]
