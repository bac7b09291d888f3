from django.urls import URLPattern, URLResolver

app_name = "carers"
urlpatterns: list[URLPattern | URLResolver] = []
