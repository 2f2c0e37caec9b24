from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    """Bahasa Indonesia unless the person chose English with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office computers run an
    English browser: the default here is the institution's language, not the browser's.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the thread's previous language afterwards: a worker thread serves many people.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

    Behind SATU_PROXY_COUNT reverse proxies the client is the address the outermost trusted proxy appended to
    X-Forwarded-For (counted from the right); anything further left was written by the client and is not
    trusted, or a guesser could pick a fresh "address" for every try.
    """
    proxies = settings.SATU_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class RequestSizeLimit:
    """Refuses a request whose declared body is larger than its URL's upload limit, before reading any of it.

    Django reads a multipart body to the end before a form can check the size of a file in it, so a 30 MB
    file crossed a phone's connection in full only to be refused. The limits (settings.UPLOAD_REQUEST_LIMITS,
    by path prefix, first match wins; settings.REQUEST_MAX_BYTES elsewhere) leave room for every file a page
    takes at its largest plus the form's text.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def limit_for(self, path: str) -> int:
        for prefix, limit in settings.UPLOAD_REQUEST_LIMITS:
            if path.startswith(prefix):
                return int(limit)
        return int(settings.REQUEST_MAX_BYTES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = self.limit_for(request.path)
        if declared > limit:
            from django.shortcuts import render

            context = {"size_mb": declared // (1024 * 1024), "limit_mb": limit // (1024 * 1024)}
            response = render(request, "413.html", context, status=413)
            # The body was not read: the connection cannot carry another request after this answer.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
