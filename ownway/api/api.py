from ninja import NinjaAPI

api = NinjaAPI(title="Ownway API", version="1", urls_namespace="api")
