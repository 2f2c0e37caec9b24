"""Every compliance sub-app's paths under /compliance/ and one namespace, so that the URL names stay as they were
before the split (compliance:quota, compliance:finding, compliance:survey ...)."""

from compliance.iid.urls import urlpatterns as iid_urls
from compliance.ombudsman.urls import urlpatterns as ombudsman_urls
from compliance.quota.urls import urlpatterns as quota_urls
from compliance.readiness.urls import urlpatterns as readiness_urls
from compliance.skm.urls import urlpatterns as skm_urls
from compliance.standards.urls import urlpatterns as standards_urls

app_name = "compliance"
urlpatterns = [*quota_urls, *ombudsman_urls, *skm_urls, *standards_urls, *readiness_urls, *iid_urls]
