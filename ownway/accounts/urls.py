from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login_view, name="login"),
    path("sign-out/", views.logout_view, name="logout"),
    path("signed-out/", views.signed_out_view, name="signed_out"),
    path("accounts/", views.user_list_view, name="user_list"),
]
