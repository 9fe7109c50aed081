"""Glints job search: the GraphQL ``searchJobsV3`` its own explore page sends, paged by ``page`` while ``hasMore``."""

from __future__ import annotations

import json

from crawlers.extract import glints
from crawlers.spiders.base import PlatformSpider
from crawlers.spiders.paging import PageNumbers

ENDPOINT = "https://glints.com/api/v2-alc/graphql?op=searchJobsV3"
# The number of jobs the explore page loads at a time.
PAGE_SIZE = 30
COUNTRY = "ID"
# The query document as the explore page sends it, so the API answers as it answers the site.
SEARCH_QUERY = """\
query searchJobsV3($data: JobSearchConditionInput!) {
  searchJobsV3(data: $data) {
    jobsInPage {
      id
      title
      workArrangementOption
      status
      createdAt
      updatedAt
      isActivelyHiring
      isHot
      isApplied
      shouldShowSalary
      educationLevel
      type
      fraudReportFlag
      salaryEstimate {
        minAmount
        maxAmount
        CurrencyCode
        __typename
      }
      company {
        ...CompanyFields
        __typename
      }
      citySubDivision {
        id
        name
        __typename
      }
      city {
        ...CityFields
        __typename
      }
      country {
        ...CountryFields
        __typename
      }
      salaries {
        ...SalaryFields
        __typename
      }
      location {
        ...LocationFields
        __typename
      }
      minYearsOfExperience
      maxYearsOfExperience
      source
      type
      hierarchicalJobCategory {
        id
        level
        name
        children {
          name
          level
          id
          __typename
        }
        parents {
          id
          level
          name
          __typename
        }
        __typename
      }
      skills {
        skill {
          id
          name
          __typename
        }
        mustHave
        __typename
      }
      traceInfo
      __typename
    }
    expInfo
    hasMore
    __typename
  }
}

fragment CompanyFields on Company {
  id
  name
  logo
  status
  isVIP
  IndustryId
  industry {
    id
    name
    __typename
  }
  verificationTier {
    type
    __typename
  }
  __typename
}

fragment CityFields on City {
  id
  name
  __typename
}

fragment CountryFields on Country {
  code
  name
  __typename
}

fragment SalaryFields on JobSalary {
  id
  salaryType
  salaryMode
  maxAmount
  minAmount
  CurrencyCode
  __typename
}

fragment LocationFields on HierarchicalLocation {
  id
  name
  administrativeLevelName
  formattedName
  level
  slug
  latitude
  longitude
  parents {
    id
    name
    administrativeLevelName
    formattedName
    level
    slug
    CountryCode: countryCode
    parents {
      level
      formattedName
      slug
      __typename
    }
    __typename
  }
  __typename
}"""


class GlintsSpider(PlatformSpider):
    name = "glints"
    extract = staticmethod(glints.read_page)
    # Paged while hasMore; a rejected page ends the crawl, and so does a page with nothing new.
    paging = PageNumbers()
    search_arguments = {
        "query": "search text, e.g. 'admin' or 'web developer'",
        "category": "a job category id (a UUID), as in the explore page's address after HierarchicalJobCategoryIds=",
    }
    argument_shapes = {
        "category": (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "0a1b2c3d-0000-4000-8000-00000000abcd")
    }
    # Glints publishes no limit and challenges anonymous clients that ask in quick succession: one request every 5 s.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def page_body(self, page: int) -> str:
        """The request body for one page; json.dumps keeps the key order, so ``"page": N`` reads the same every time."""
        search = {
            "CountryCode": COUNTRY,
            "includeExternalJobs": True,
            "pageSize": PAGE_SIZE,
            "page": page,
            "sortBy": "LATEST",
        }
        if "query" in self.search:
            search["SearchTerm"] = self.search["query"]
        if "category" in self.search:
            search["HierarchicalJobCategoryIds"] = [self.search["category"]]
        return json.dumps({"operationName": "searchJobsV3", "variables": {"data": search}, "query": SEARCH_QUERY})

    def listing_request(self, page: int):
        return self.page_request(
            ENDPOINT,
            self.parse,
            method="POST",
            body=self.page_body(page),
            headers={"Content-Type": "application/json", "x-glints-country-code": COUNTRY},
            cb_kwargs={"position": page},
        )
