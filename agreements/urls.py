from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "agreements"
urlpatterns = [
    path(_("cases/<int:pk>/agreement/"), views.agreement, name="agreement"),
    path(_("cases/<int:pk>/agreement/sign/"), views.sign, name="sign"),
    path(_("cases/<int:pk>/agreement/<int:version>/pdf/"), views.download, name="download"),
    path(_("cases/<int:pk>/agreement/amendment/"), views.request_amendment, name="amend"),
]
