/// The OpenAPI 3.1 document served at `GET /openapi.json`. Written by hand in `docs/openapi.py` (edit there, then
/// `python3 docs/openapi.py`); `Tests/api-fuzz.sh` (run by CI) proves the server keeps it: schemathesis sends
/// generated requests to every route and checks every response against it.
let openAPIDocument = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "StarMatch API",
  "version": "1.0.0",
  "description": "Creator\u2013brand matching by the Star Creator rules. Keys: `starmatch keys create`; send `Authorization: Bearer KEY`. A manager key sees everything; a brand key only its shop, its campaigns, their shortlists and matches (anything else is 404). Errors are `application/problem+json`. Every response carries `X-Request-Id`."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "paths": {
  "/healthz": {
   "get": {
    "tags": [
     "probes"
    ],
    "summary": "Process up",
    "operationId": "healthz",
    "security": [],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "status": {
           "type": "string",
           "const": "ok"
          }
         },
         "required": [
          "status"
         ],
         "additionalProperties": false
        }
       }
      }
     }
    }
   }
  },
  "/readyz": {
   "get": {
    "tags": [
     "probes"
    ],
    "summary": "Database reachable",
    "operationId": "readyz",
    "security": [],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "status": {
           "type": "string",
           "const": "ready"
          }
         },
         "required": [
          "status"
         ],
         "additionalProperties": false
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/NotReady"
     }
    }
   }
  },
  "/openapi.json": {
   "get": {
    "tags": [
     "probes"
    ],
    "summary": "This document",
    "operationId": "openapi",
    "security": [],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "openapi": {
           "type": "string",
           "const": "3.1.0"
          }
         },
         "required": [
          "openapi",
          "info",
          "paths"
         ]
        }
       }
      }
     }
    }
   }
  },
  "/metrics": {
   "get": {
    "tags": [
     "probes"
    ],
    "summary": "Prometheus metrics (manager keys)",
    "operationId": "metrics",
    "responses": {
     "200": {
      "description": "Prometheus text format",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     }
    }
   }
  },
  "/v1/creators": {
   "get": {
    "tags": [
     "creators"
    ],
    "summary": "List creators by id (cursor pages)",
    "operationId": "listCreators",
    "parameters": [
     {
      "name": "kind",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "standard",
        "affiliate",
        "officialShop",
        "marketing"
       ]
      },
      "description": "only this kind"
     },
     {
      "name": "region",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/Region"
      },
      "description": "only this region",
      "example": "US"
     },
     {
      "name": "niche",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "description": "only creators with this niche or one below it",
      "example": "beauty"
     },
     {
      "name": "minFollowers",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 0,
       "maximum": 2147483647
      },
      "description": "at least this many followers"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 50
      },
      "description": "page size"
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 400,
       "pattern": "^[A-Za-z0-9_-]+$"
      },
      "description": "nextCursor of the previous page (else 400)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CreatorPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     }
    }
   },
   "post": {
    "tags": [
     "creators"
    ],
    "summary": "Create a creator (the import's validation); managers only",
    "operationId": "createCreator",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreatorInput"
       },
       "example": {
        "id": "cr-api-example",
        "handle": "api.example",
        "kind": "affiliate",
        "followers": 12000,
        "region": "US",
        "birthDate": "2000-05-17",
        "registeredAt": "2026-01-10T12:00:00Z",
        "ageConfirmedAt": "2026-01-11T09:00:00Z",
        "identityVerified": true,
        "identityDocument": "idd-api-example",
        "policiesAccepted": true,
        "niches": [
         "beauty/skincare"
        ]
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Creator"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Exists"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/creators/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "cr-pilot-active"
    }
   ],
   "get": {
    "tags": [
     "creators"
    ],
    "summary": "Read a creator",
    "operationId": "getCreator",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Creator"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   },
   "patch": {
    "tags": [
     "creators"
    ],
    "summary": "Change members of a creator (the whole is revalidated; the id cannot change)",
    "operationId": "updateCreator",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreatorPatch"
       },
       "example": {
        "followers": 15000
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Creator"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/shops": {
   "get": {
    "tags": [
     "shops"
    ],
    "summary": "List shops by id (cursor pages)",
    "operationId": "listShops",
    "parameters": [
     {
      "name": "region",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/Region"
      },
      "description": "only this region",
      "example": "GB"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 50
      },
      "description": "page size"
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 400,
       "pattern": "^[A-Za-z0-9_-]+$"
      },
      "description": "nextCursor of the previous page (else 400)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ShopPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     }
    }
   },
   "post": {
    "tags": [
     "shops"
    ],
    "summary": "Create a shop (the import's validation); managers only",
    "operationId": "createShop",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ShopInput"
       },
       "example": {
        "id": "sh-api-example",
        "name": "API Example",
        "region": "US",
        "score": 96.5,
        "categories": [
         "beauty"
        ]
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shop"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Exists"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/shops/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "sh-glowlab"
    }
   ],
   "get": {
    "tags": [
     "shops"
    ],
    "summary": "Read a shop",
    "operationId": "getShop",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shop"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   },
   "patch": {
    "tags": [
     "shops"
    ],
    "summary": "Change members of a shop (the whole is revalidated; the id cannot change)",
    "operationId": "updateShop",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ShopPatch"
       },
       "example": {
        "score": 97
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shop"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/campaigns": {
   "get": {
    "tags": [
     "campaigns"
    ],
    "summary": "List campaigns by id (cursor pages)",
    "operationId": "listCampaigns",
    "parameters": [
     {
      "name": "shop",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "only this shop's (a brand key: its own shop only, else 404)",
      "example": "sh-glowlab"
     },
     {
      "name": "openAt",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/InstantInput"
      },
      "description": "only campaigns open at this instant (start inclusive, end exclusive)",
      "example": "2026-11-25T18:00:00Z"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 50
      },
      "description": "page size"
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 400,
       "pattern": "^[A-Za-z0-9_-]+$"
      },
      "description": "nextCursor of the previous page (else 400)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CampaignPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/OtherShop"
     }
    }
   },
   "post": {
    "tags": [
     "campaigns"
    ],
    "summary": "Create a campaign (the import's validation); a brand key only for its own shop",
    "operationId": "createCampaign",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CampaignInput"
       },
       "example": {
        "id": "cp-api-example",
        "shop": "sh-glowlab",
        "name": "API example",
        "kind": "sample",
        "categories": [
         "beauty/skincare"
        ],
        "slots": 5,
        "startsAt": "2026-11-23T00:00:00Z",
        "endsAt": "2027-01-31T00:00:00Z",
        "commissionPercent": 12.5
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Campaign"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/Exists"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/campaigns/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "cp-glowlab-samples"
    }
   ],
   "get": {
    "tags": [
     "campaigns"
    ],
    "summary": "Read a campaign",
    "operationId": "getCampaign",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Campaign"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   },
   "patch": {
    "tags": [
     "campaigns"
    ],
    "summary": "Change members of a campaign (the whole is revalidated; the id cannot change)",
    "operationId": "updateCampaign",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CampaignPatch"
       },
       "example": {
        "slots": 8
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Campaign"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/creators/{id}/eligibility": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "cr-pilot-active"
    }
   ],
   "get": {
    "tags": [
     "scoring"
    ],
    "summary": "Every rule that applies, with its id: the marketplace, a free-sample match with a shop, or a campaign (managers only)",
    "operationId": "eligibility",
    "parameters": [
     {
      "name": "campaign",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "judge this campaign (not with shop: 400)",
      "example": "cp-glowlab-black-friday"
     },
     {
      "name": "shop",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "judge a free-sample match with this shop (not with campaign: 400)"
     },
     {
      "name": "at",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/InstantInput"
      },
      "description": "the instant to answer for: YYYY-MM-DD or ISO 8601 with Z or an offset (default: now, to the minute)",
      "example": "2026-11-25T18:00:00Z"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Eligibility"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundEligibility"
     }
    }
   }
  },
  "/v1/creators/{id}/matches": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "cr-pilot-active"
    }
   ],
   "get": {
    "tags": [
     "scoring"
    ],
    "summary": "The campaigns that fit a creator best (managers only)",
    "operationId": "matches",
    "parameters": [
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 10
      },
      "description": "how many"
     },
     {
      "name": "explain",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false",
        "1",
        "0"
       ],
       "default": "false"
      },
      "description": "include every component's input, value and weight"
     },
     {
      "name": "profile",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "default",
        "sales-first"
       ],
       "default": "default"
      },
      "description": "scoring profile (Scoring/NAME.json)"
     },
     {
      "name": "at",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/InstantInput"
      },
      "description": "the instant to answer for: YYYY-MM-DD or ISO 8601 with Z or an offset (default: now, to the minute)",
      "example": "2026-11-25T18:00:00Z"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Matches"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     }
    }
   }
  },
  "/v1/campaigns/{id}/shortlist": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "cp-glowlab-samples"
    }
   ],
   "get": {
    "tags": [
     "scoring"
    ],
    "summary": "The campaign's shortlist of eligible creators, best first",
    "operationId": "shortlist",
    "parameters": [
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 20
      },
      "description": "how many"
     },
     {
      "name": "explain",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false",
        "1",
        "0"
       ],
       "default": "false"
      },
      "description": "include every component's input, value and weight"
     },
     {
      "name": "region",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/Region"
      },
      "description": "only creators in this region"
     },
     {
      "name": "minFollowers",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 0,
       "maximum": 2147483647
      },
      "description": "at least this many followers"
     },
     {
      "name": "profile",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "default",
        "sales-first"
       ],
       "default": "default"
      },
      "description": "scoring profile (Scoring/NAME.json)"
     },
     {
      "name": "at",
      "in": "query",
      "required": false,
      "schema": {
       "$ref": "#/components/schemas/InstantInput"
      },
      "description": "the instant to answer for: YYYY-MM-DD or ISO 8601 with Z or an offset (default: now, to the minute)",
      "example": "2026-11-25T18:00:00Z"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shortlist"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/v1/batches": {
   "get": {
    "tags": [
     "batches"
    ],
    "summary": "Stored weekly runs, oldest first (managers only)",
    "operationId": "listBatches",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/BatchRun"
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     }
    }
   },
   "post": {
    "tags": [
     "batches"
    ],
    "summary": "Run the weekly batch (M-WEEKLY; managers only)",
    "operationId": "runBatch",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/BatchRequest"
       },
       "example": {
        "week": "2026-W48"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "unchanged inputs (the week's latest run, reused: with its Location) or a dry run (no Location)",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "description": "the URL of the new (or reused) object",
        "required": false,
        "schema": {
         "type": "string",
         "pattern": "^/v1/"
        }
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Batch"
        }
       }
      }
     },
     "201": {
      "description": "a new run, stored with its proposals",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Batch"
        }
       }
      }
     },
     "202": {
      "description": "still running after 10 s: poll the Location",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/batches/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "1",
     "description": "a run's number, or the job id of a POST /v1/batches answered with 202"
    }
   ],
   "get": {
    "tags": [
     "batches"
    ],
    "summary": "A stored run by number, or a job started by POST /v1/batches (managers only)",
    "operationId": "getBatch",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Batch"
        }
       }
      }
     },
     "202": {
      "description": "the job is still running",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     },
     "422": {
      "$ref": "#/components/responses/JobFailed"
     }
    }
   }
  },
  "/v1/sales": {
   "post": {
    "tags": [
     "activity"
    ],
    "summary": "Sales: one object or an array of up to 10,000, stored all or nothing (managers only)",
    "operationId": "recordSales",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "oneOf": [
         {
          "$ref": "#/components/schemas/SaleInput"
         },
         {
          "type": "array",
          "items": {
           "$ref": "#/components/schemas/SaleInput"
          },
          "minItems": 1,
          "maxItems": 10000
         }
        ]
       },
       "example": {
        "id": "sa-api-example",
        "creator": "cr-pilot-active",
        "shop": "sh-glowlab",
        "category": "beauty/skincare",
        "orderedAt": "2026-11-24T15:00:00Z",
        "orders": 3,
        "gmvMinor": 5997
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Created"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     },
     "409": {
      "$ref": "#/components/responses/Exists"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/content-events": {
   "post": {
    "tags": [
     "activity"
    ],
    "summary": "Content events: one object or an array of up to 10,000, stored all or nothing (managers only)",
    "operationId": "recordContentevents",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "oneOf": [
         {
          "$ref": "#/components/schemas/ContentEventInput"
         },
         {
          "type": "array",
          "items": {
           "$ref": "#/components/schemas/ContentEventInput"
          },
          "minItems": 1,
          "maxItems": 10000
         }
        ]
       },
       "example": {
        "id": "ce-api-example",
        "creator": "cr-pilot-active",
        "content": "vid-api-example",
        "medium": "video",
        "action": "published",
        "at": "2026-11-24T16:00:00Z",
        "durationSeconds": 42
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Created"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     },
     "409": {
      "$ref": "#/components/responses/Exists"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/violations": {
   "post": {
    "tags": [
     "activity"
    ],
    "summary": "Violations: one object or an array of up to 10,000, stored all or nothing (managers only)",
    "operationId": "recordViolations",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "oneOf": [
         {
          "$ref": "#/components/schemas/ViolationInput"
         },
         {
          "type": "array",
          "items": {
           "$ref": "#/components/schemas/ViolationInput"
          },
          "minItems": 1,
          "maxItems": 10000
         }
        ]
       },
       "example": {
        "id": "vi-api-example",
        "creator": "cr-0001",
        "kind": "spam",
        "points": 10,
        "at": "2026-11-24T17:00:00Z"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Created"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundOrManagersOnly"
     },
     "409": {
      "$ref": "#/components/responses/Exists"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/matches": {
   "get": {
    "tags": [
     "matches"
    ],
    "summary": "Matches by id (a brand sees its own campaigns' only); proposals past their window show as expired",
    "operationId": "listMatches",
    "parameters": [
     {
      "name": "creator",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "only this creator's"
     },
     {
      "name": "campaign",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "only this campaign's"
     },
     {
      "name": "state",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "proposed",
        "accepted",
        "declined",
        "expired",
        "sampleShipped",
        "contentPosted",
        "completed",
        "cancelled"
       ]
      },
      "description": "only in this state"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 50
      },
      "description": "page size"
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 400,
       "pattern": "^[A-Za-z0-9_-]+$"
      },
      "description": "nextCursor of the previous page (else 400)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MatchPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     }
    }
   },
   "post": {
    "tags": [
     "matches"
    ],
    "summary": "Propose a match by hand (managers only; the creator must be eligible: M-ELIGIBLE)",
    "operationId": "createMatch",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/MatchInput"
       },
       "example": {
        "creator": "cr-pilot-active",
        "campaign": "cp-glowlab-samples"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Match"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/NotJSON"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFoundMatchInput"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    }
   }
  },
  "/v1/matches/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "1",
     "description": "the match's number"
    }
   ],
   "get": {
    "tags": [
     "matches"
    ],
    "summary": "A match with its append-only history, oldest step first",
    "operationId": "getMatch",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MatchWithHistory"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/v1/matches/{id}/{action}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "example": "1",
     "description": "the match's number"
    },
    {
     "name": "action",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string",
      "enum": [
       "accept",
       "decline",
       "ship",
       "posted",
       "complete",
       "cancel"
      ]
     },
     "example": "accept"
    }
   ],
   "post": {
    "tags": [
     "matches"
    ],
    "summary": "Move a match on; a brand may ship, complete or cancel, never accept, decline or post for a creator",
    "operationId": "actOnMatch",
    "responses": {
     "200": {
      "description": "OK",
      "headers": {
       "X-Request-Id": {
        "$ref": "#/components/headers/RequestId"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Match"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "409": {
      "$ref": "#/components/responses/WrongState"
     }
    }
   }
  }
 },
 "components": {
  "schemas": {
   "InstantInput": {
    "type": "string",
    "pattern": "^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,9})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]))?$",
    "maxLength": 40,
    "description": "an instant: YYYY-MM-DD (midnight UTC) or ISO 8601 with Z or an offset, seconds and fraction optional, e.g. 2026-11-25T18:00:00Z"
   },
   "DayInput": {
    "type": "string",
    "pattern": "^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$",
    "description": "a calendar day, YYYY-MM-DD"
   },
   "Instant": {
    "type": "string",
    "format": "date-time",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
    "description": "ISO 8601 UTC instant in whole seconds, e.g. 2026-11-25T18:00:00Z"
   },
   "Day": {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "YYYY-MM-DD"
   },
   "Id": {
    "type": "string",
    "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
    "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
   },
   "Region": {
    "type": "string",
    "pattern": "^[A-Z]{2}$",
    "description": "ISO 3166-1 alpha-2 region code, in capitals"
   },
   "CategoryPath": {
    "type": "string",
    "pattern": "^[a-z0-9-]{1,48}(?:/[a-z0-9-]{1,48}){0,2}$",
    "description": "category path of the taxonomy (Seeds/categories.csv), e.g. beauty/skincare: 1\u20133 segments of a-z, 0-9, '-'"
   },
   "Text": {
    "type": "string",
    "minLength": 1,
    "maxLength": 512,
    "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
    "description": "non-empty, at most 512 UTF-8 bytes, no control characters"
   },
   "Currency": {
    "type": "string",
    "pattern": "^[A-Z]{3}$",
    "description": "ISO 4217 currency code"
   },
   "Problem": {
    "type": "object",
    "properties": {
     "type": {
      "type": "string",
      "const": "about:blank"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "integer",
      "minimum": 400,
      "maximum": 599
     },
     "detail": {
      "type": "string"
     },
     "errors": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/FieldError"
      },
      "minItems": 1
     }
    },
    "required": [
     "type",
     "title",
     "status",
     "detail"
    ],
    "additionalProperties": false,
    "description": "RFC 9457 problem details"
   },
   "FieldError": {
    "type": "object",
    "properties": {
     "pointer": {
      "type": "string",
      "description": "JSON pointer into the request body"
     },
     "parameter": {
      "type": "string",
      "description": "the bad query parameter"
     },
     "rule": {
      "type": "string",
      "description": "the DOMAIN.md rule broken, e.g. E-BIND"
     },
     "detail": {
      "type": "string"
     }
    },
    "required": [
     "detail"
    ],
    "additionalProperties": false
   },
   "Creator": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "handle": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "standard",
       "affiliate",
       "officialShop",
       "marketing"
      ]
     },
     "followers": {
      "type": "integer",
      "minimum": 0,
      "maximum": 2147483647
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "birthDate": {
      "$ref": "#/components/schemas/Day"
     },
     "registeredAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "ageConfirmedAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "identityVerified": {
      "type": "boolean"
     },
     "identityDocument": {
      "type": "string"
     },
     "gpppa": {
      "type": "boolean"
     },
     "ecommerceRevoked": {
      "type": "boolean"
     },
     "linkedToSeriousViolator": {
      "type": "boolean"
     },
     "policiesAccepted": {
      "type": "boolean"
     },
     "boundShop": {
      "$ref": "#/components/schemas/Id"
     },
     "niches": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "uniqueItems": true
     },
     "pilotStartedAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "quizPassedAt": {
      "$ref": "#/components/schemas/Instant"
     }
    },
    "required": [
     "id",
     "handle",
     "kind",
     "followers",
     "region",
     "birthDate",
     "registeredAt",
     "identityVerified",
     "gpppa",
     "ecommerceRevoked",
     "linkedToSeriousViolator",
     "policiesAccepted",
     "niches"
    ],
    "additionalProperties": false
   },
   "CreatorInput": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "handle": {
      "$ref": "#/components/schemas/Text"
     },
     "kind": {
      "type": "string",
      "enum": [
       "standard",
       "affiliate",
       "officialShop",
       "marketing"
      ]
     },
     "followers": {
      "type": "integer",
      "minimum": 0,
      "maximum": 2147483647
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "birthDate": {
      "$ref": "#/components/schemas/DayInput"
     },
     "registeredAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "ageConfirmedAt": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/InstantInput"
       },
       {
        "type": "null"
       }
      ]
     },
     "identityVerified": {
      "type": "boolean"
     },
     "identityDocument": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Text"
       },
       {
        "type": "null"
       }
      ]
     },
     "gpppa": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "ecommerceRevoked": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "linkedToSeriousViolator": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "policiesAccepted": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "boundShop": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Id"
       },
       {
        "type": "null"
       }
      ]
     },
     "niches": {
      "type": [
       "array",
       "null"
      ],
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      }
     },
     "pilotStartedAt": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/InstantInput"
       },
       {
        "type": "null"
       }
      ]
     },
     "quizPassedAt": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/InstantInput"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "id",
     "handle",
     "kind",
     "followers",
     "region",
     "birthDate",
     "registeredAt",
     "identityVerified"
    ],
    "additionalProperties": false,
    "description": "identityDocument is required when identityVerified is true (E-IDDOC); boundShop is required for officialShop and marketing creators and refused for others (E-BIND); pilotStartedAt is for affiliates only (P-ENTER); quizPassedAt needs pilotStartedAt (P-GRADUATE); boundShop and niches must be known; ageConfirmedAt and pilotStartedAt not before registeredAt, quizPassedAt not before pilotStartedAt, birthDate not after registeredAt. Breaking any of these is a 422."
   },
   "CreatorPatch": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "handle": {
      "$ref": "#/components/schemas/Text"
     },
     "kind": {
      "type": "string",
      "enum": [
       "standard",
       "affiliate",
       "officialShop",
       "marketing"
      ]
     },
     "followers": {
      "type": "integer",
      "minimum": 0,
      "maximum": 2147483647
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "birthDate": {
      "$ref": "#/components/schemas/DayInput"
     },
     "registeredAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "ageConfirmedAt": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/InstantInput"
       },
       {
        "type": "null"
       }
      ]
     },
     "identityVerified": {
      "type": "boolean"
     },
     "identityDocument": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Text"
       },
       {
        "type": "null"
       }
      ]
     },
     "gpppa": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "ecommerceRevoked": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "linkedToSeriousViolator": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "policiesAccepted": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "boundShop": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Id"
       },
       {
        "type": "null"
       }
      ]
     },
     "niches": {
      "type": [
       "array",
       "null"
      ],
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      }
     },
     "pilotStartedAt": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/InstantInput"
       },
       {
        "type": "null"
       }
      ]
     },
     "quizPassedAt": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/InstantInput"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [],
    "additionalProperties": false,
    "description": "the members to change; the result must be a valid CreatorInput; null clears an optional member"
   },
   "Shop": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "name": {
      "type": "string"
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "categories": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "minItems": 1,
      "uniqueItems": true
     }
    },
    "required": [
     "id",
     "name",
     "region",
     "score",
     "categories"
    ],
    "additionalProperties": false
   },
   "ShopInput": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "name": {
      "$ref": "#/components/schemas/Text"
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "categories": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "minItems": 1
     }
    },
    "required": [
     "id",
     "name",
     "region",
     "score",
     "categories"
    ],
    "additionalProperties": false,
    "description": "categories must be known categories (else 422)"
   },
   "ShopPatch": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "name": {
      "$ref": "#/components/schemas/Text"
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "categories": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "minItems": 1
     }
    },
    "required": [],
    "additionalProperties": false,
    "description": "the members to change; the result must be a valid ShopInput"
   },
   "Campaign": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "name": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "sample",
       "discount"
      ]
     },
     "categories": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "minItems": 1,
      "uniqueItems": true
     },
     "slots": {
      "type": "integer",
      "minimum": 1,
      "maximum": 1000000
     },
     "startsAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "endsAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "commissionPercent": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "minFollowers": {
      "type": "integer",
      "minimum": 0,
      "maximum": 2147483647
     },
     "regions": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Region"
      }
     }
    },
    "required": [
     "id",
     "shop",
     "name",
     "kind",
     "categories",
     "slots",
     "startsAt",
     "endsAt",
     "commissionPercent",
     "regions"
    ],
    "additionalProperties": false
   },
   "CampaignInput": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "name": {
      "$ref": "#/components/schemas/Text"
     },
     "kind": {
      "type": "string",
      "enum": [
       "sample",
       "discount"
      ]
     },
     "categories": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "minItems": 1
     },
     "slots": {
      "type": "integer",
      "minimum": 1,
      "maximum": 1000000
     },
     "startsAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "endsAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "commissionPercent": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "minFollowers": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0,
      "maximum": 2147483647
     },
     "regions": {
      "type": [
       "array",
       "null"
      ],
      "items": {
       "$ref": "#/components/schemas/Region"
      }
     }
    },
    "required": [
     "id",
     "shop",
     "name",
     "kind",
     "categories",
     "slots",
     "startsAt",
     "endsAt",
     "commissionPercent"
    ],
    "additionalProperties": false,
    "description": "shop and categories must be known (else 422), endsAt after startsAt; a brand key may only create its own shop's campaigns (else 404)"
   },
   "CampaignPatch": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "name": {
      "$ref": "#/components/schemas/Text"
     },
     "kind": {
      "type": "string",
      "enum": [
       "sample",
       "discount"
      ]
     },
     "categories": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CategoryPath"
      },
      "minItems": 1
     },
     "slots": {
      "type": "integer",
      "minimum": 1,
      "maximum": 1000000
     },
     "startsAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "endsAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "commissionPercent": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "minFollowers": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0,
      "maximum": 2147483647
     },
     "regions": {
      "type": [
       "array",
       "null"
      ],
      "items": {
       "$ref": "#/components/schemas/Region"
      }
     }
    },
    "required": [],
    "additionalProperties": false,
    "description": "the members to change; the result must be a valid CampaignInput; null clears an optional member"
   },
   "SaleInput": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "campaign": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Id"
       },
       {
        "type": "null"
       }
      ]
     },
     "category": {
      "$ref": "#/components/schemas/CategoryPath"
     },
     "orderedAt": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "orders": {
      "type": "integer",
      "minimum": 0,
      "maximum": 1000000000
     },
     "returnedOrders": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0,
      "maximum": 1000000000
     },
     "gmvMinor": {
      "type": "integer",
      "minimum": 0,
      "maximum": 9007199254740992
     },
     "currency": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Currency"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "id",
     "creator",
     "shop",
     "category",
     "orderedAt",
     "orders",
     "gmvMinor"
    ],
    "additionalProperties": false,
    "description": "creator, shop, campaign and category must be known (else 422); returnedOrders (default 0) at most orders (C-VALIDATE); currency defaults to USD"
   },
   "ContentEventInput": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "content": {
      "$ref": "#/components/schemas/Id"
     },
     "medium": {
      "type": "string",
      "enum": [
       "video",
       "live"
      ]
     },
     "action": {
      "type": "string",
      "enum": [
       "published",
       "scheduled",
       "linkAdded",
       "deleted",
       "removed"
      ]
     },
     "at": {
      "$ref": "#/components/schemas/InstantInput"
     },
     "durationSeconds": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0,
      "maximum": 604800
     },
     "isPrivate": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "shoppable": {
      "type": [
       "boolean",
       "null"
      ]
     }
    },
    "required": [
     "id",
     "creator",
     "content",
     "medium",
     "action",
     "at"
    ],
    "additionalProperties": false,
    "description": "creator must be known (else 422); isPrivate defaults to false, shoppable to true"
   },
   "ViolationInput": {
    "type": "object",
    "properties": {
     "id": {
      "$ref": "#/components/schemas/Id"
     },
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "kind": {
      "type": "string",
      "enum": [
       "misleadingClaims",
       "prohibitedProduct",
       "counterfeit",
       "offPlatformTransaction",
       "harassment",
       "intellectualProperty",
       "minorSafety",
       "spam",
       "evasionStitch",
       "evasionOverlay",
       "evasionFastCuts",
       "evasionDisguisedRepost"
      ]
     },
     "points": {
      "type": "integer",
      "minimum": 1,
      "maximum": 1000
     },
     "at": {
      "$ref": "#/components/schemas/InstantInput"
     }
    },
    "required": [
     "id",
     "creator",
     "kind",
     "points",
     "at"
    ],
    "additionalProperties": false,
    "description": "creator must be known (else 422); points 1\u2013chrMax of the policy (1000)"
   },
   "Created": {
    "type": "object",
    "properties": {
     "created": {
      "type": "integer",
      "minimum": 1,
      "maximum": 10000
     },
     "ids": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Id"
      },
      "minItems": 1,
      "maxItems": 10000
     }
    },
    "required": [
     "created",
     "ids"
    ],
    "additionalProperties": false
   },
   "CreatorPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Creator"
      }
     },
     "nextCursor": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]+$"
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "ShopPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Shop"
      }
     },
     "nextCursor": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]+$"
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "CampaignPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Campaign"
      }
     },
     "nextCursor": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]+$"
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "Check": {
    "type": "object",
    "properties": {
     "rule": {
      "type": "string",
      "enum": [
       "E-AGE",
       "E-FOLLOWERS",
       "E-REGION",
       "E-GPPPA",
       "E-REVOKED",
       "E-POLICY",
       "E-IDENTITY",
       "E-IDDOC",
       "E-STANDARD",
       "E-BIND",
       "H-POINTS",
       "H-FLOOR",
       "H-GOOD",
       "H-EVASION",
       "P-ENTER",
       "P-SHOPS",
       "P-QUOTA",
       "P-WEEK",
       "P-COUNT",
       "P-CAMPAIGNS",
       "P-GRADUATE",
       "P-FOLLOWERS",
       "P-STAY",
       "C-RATE",
       "C-VALIDATE",
       "C-ACCOUNT",
       "M-SCORE",
       "M-ELIGIBLE",
       "M-SAMPLES",
       "M-FULFIL",
       "M-WEEKLY",
       "K-OPEN",
       "K-FOLLOWERS",
       "K-REGION"
      ]
     },
     "outcome": {
      "type": "string",
      "enum": [
       "pass",
       "refuse",
       "note"
      ]
     },
     "message": {
      "type": "string"
     }
    },
    "required": [
     "rule",
     "outcome",
     "message"
    ],
    "additionalProperties": false
   },
   "Eligibility": {
    "type": "object",
    "properties": {
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "subject": {
      "type": "string",
      "pattern": "^(marketplace|sample match with shop .+|campaign .+)$"
     },
     "at": {
      "$ref": "#/components/schemas/Instant"
     },
     "eligible": {
      "type": "boolean"
     },
     "refusedBy": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "E-AGE",
        "E-FOLLOWERS",
        "E-REGION",
        "E-GPPPA",
        "E-REVOKED",
        "E-POLICY",
        "E-IDENTITY",
        "E-IDDOC",
        "E-STANDARD",
        "E-BIND",
        "H-POINTS",
        "H-FLOOR",
        "H-GOOD",
        "H-EVASION",
        "P-ENTER",
        "P-SHOPS",
        "P-QUOTA",
        "P-WEEK",
        "P-COUNT",
        "P-CAMPAIGNS",
        "P-GRADUATE",
        "P-FOLLOWERS",
        "P-STAY",
        "C-RATE",
        "C-VALIDATE",
        "C-ACCOUNT",
        "M-SCORE",
        "M-ELIGIBLE",
        "M-SAMPLES",
        "M-FULFIL",
        "M-WEEKLY",
        "K-OPEN",
        "K-FOLLOWERS",
        "K-REGION"
       ]
      }
     },
     "checks": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Check"
      }
     }
    },
    "required": [
     "creator",
     "subject",
     "at",
     "eligible",
     "refusedBy",
     "checks"
    ],
    "additionalProperties": false
   },
   "Component": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "enum": [
       "niche",
       "sales",
       "health",
       "audience",
       "fulfilment"
      ]
     },
     "input": {
      "type": "string"
     },
     "value": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "weight": {
      "type": "number",
      "minimum": 0
     },
     "contribution": {
      "type": "number",
      "minimum": 0
     }
    },
    "required": [
     "name",
     "input",
     "value",
     "weight",
     "contribution"
    ],
    "additionalProperties": false
   },
   "Components": {
    "type": "object",
    "properties": {
     "niche": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "sales": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "health": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "audience": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "fulfilment": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     }
    },
    "required": [
     "niche",
     "sales",
     "health",
     "audience",
     "fulfilment"
    ],
    "additionalProperties": false,
    "description": "each component's value (0\u20131) by name"
   },
   "RankedCreator": {
    "type": "object",
    "properties": {
     "rank": {
      "type": "integer",
      "minimum": 1
     },
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "handle": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "standard",
       "affiliate",
       "officialShop",
       "marketing"
      ]
     },
     "followers": {
      "type": "integer",
      "minimum": 0
     },
     "region": {
      "$ref": "#/components/schemas/Region"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "components": {
      "$ref": "#/components/schemas/Components"
     },
     "explanation": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Component"
      },
      "minItems": 5,
      "maxItems": 5,
      "description": "only with explain=true: every component with its input, value and weight"
     }
    },
    "required": [
     "rank",
     "creator",
     "handle",
     "kind",
     "followers",
     "region",
     "score",
     "components"
    ],
    "additionalProperties": false
   },
   "Shortlist": {
    "type": "object",
    "properties": {
     "campaign": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "at": {
      "$ref": "#/components/schemas/Instant"
     },
     "profile": {
      "type": "string"
     },
     "salesReference": {
      "type": "number",
      "minimum": 0
     },
     "creators": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RankedCreator"
      }
     }
    },
    "required": [
     "campaign",
     "shop",
     "at",
     "profile",
     "salesReference",
     "creators"
    ],
    "additionalProperties": false
   },
   "RankedCampaign": {
    "type": "object",
    "properties": {
     "rank": {
      "type": "integer",
      "minimum": 1
     },
     "campaign": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "kind": {
      "type": "string",
      "enum": [
       "sample",
       "discount"
      ]
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "components": {
      "$ref": "#/components/schemas/Components"
     },
     "explanation": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Component"
      },
      "minItems": 5,
      "maxItems": 5,
      "description": "only with explain=true: every component with its input, value and weight"
     }
    },
    "required": [
     "rank",
     "campaign",
     "shop",
     "kind",
     "score",
     "components"
    ],
    "additionalProperties": false
   },
   "Matches": {
    "type": "object",
    "properties": {
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "at": {
      "$ref": "#/components/schemas/Instant"
     },
     "profile": {
      "type": "string"
     },
     "campaigns": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RankedCampaign"
      }
     }
    },
    "required": [
     "creator",
     "at",
     "profile",
     "campaigns"
    ],
    "additionalProperties": false
   },
   "BatchRun": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer",
      "minimum": 0,
      "description": "0 for a dry run (not stored)"
     },
     "week": {
      "type": "string",
      "pattern": "^[0-9]{4}-W[0-9]{2}$"
     },
     "inputsHash": {
      "type": "string"
     },
     "profile": {
      "type": "string"
     },
     "objective": {
      "type": "number",
      "minimum": 0
     },
     "assignments": {
      "type": "integer",
      "minimum": 0
     },
     "creatorsUsed": {
      "type": "integer",
      "minimum": 0
     },
     "campaigns": {
      "type": "integer",
      "minimum": 0
     },
     "candidates": {
      "type": "integer",
      "minimum": 0
     },
     "durationMs": {
      "type": "integer",
      "minimum": 0
     },
     "createdAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "supersededBy": {
      "type": "integer",
      "minimum": 1
     }
    },
    "required": [
     "id",
     "week",
     "inputsHash",
     "profile",
     "objective",
     "assignments",
     "creatorsUsed",
     "campaigns",
     "candidates",
     "durationMs",
     "createdAt"
    ],
    "additionalProperties": false
   },
   "CampaignFill": {
    "type": "object",
    "properties": {
     "campaign": {
      "$ref": "#/components/schemas/Id"
     },
     "slots": {
      "type": "integer",
      "minimum": 0
     },
     "filled": {
      "type": "integer",
      "minimum": 0
     },
     "candidates": {
      "type": "integer",
      "minimum": 0
     },
     "bound": {
      "type": "string",
      "enum": [
       "slots",
       "eligibility",
       "capacity",
       "eligibility, capacity"
      ]
     }
    },
    "required": [
     "campaign",
     "slots",
     "filled",
     "candidates",
     "bound"
    ],
    "additionalProperties": false
   },
   "BatchMatch": {
    "type": "object",
    "properties": {
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "campaign": {
      "$ref": "#/components/schemas/Id"
     },
     "score": {
      "type": "number"
     },
     "state": {
      "type": "string",
      "enum": [
       "proposed",
       "superseded"
      ]
     }
    },
    "required": [
     "creator",
     "campaign",
     "score",
     "state"
    ],
    "additionalProperties": false
   },
   "Batch": {
    "type": "object",
    "properties": {
     "run": {
      "$ref": "#/components/schemas/BatchRun"
     },
     "reused": {
      "type": "boolean"
     },
     "dryRun": {
      "type": "boolean"
     },
     "campaigns": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CampaignFill"
      }
     },
     "assignments": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/BatchMatch"
      }
     }
    },
    "required": [
     "run",
     "reused",
     "dryRun",
     "campaigns",
     "assignments"
    ],
    "additionalProperties": false
   },
   "BatchRequest": {
    "type": "object",
    "properties": {
     "week": {
      "type": "string",
      "pattern": "^[1-9][0-9]{3}-W(?:0[1-9]|[1-4][0-9]|5[0-3])$",
      "description": "ISO week, e.g. 2026-W48 (W53 only in years that have one, else 422)"
     },
     "dryRun": {
      "type": [
       "boolean",
       "null"
      ]
     },
     "profile": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "default",
       "sales-first"
      ]
     }
    },
    "required": [
     "week"
    ],
    "additionalProperties": false
   },
   "Job": {
    "type": "object",
    "properties": {
     "job": {
      "type": "string",
      "pattern": "^job-[0-9a-f-]{36}$"
     },
     "status": {
      "type": "string",
      "enum": [
       "running"
      ]
     }
    },
    "required": [
     "job",
     "status"
    ],
    "additionalProperties": false
   },
   "Match": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer",
      "minimum": 1
     },
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "campaign": {
      "$ref": "#/components/schemas/Id"
     },
     "shop": {
      "$ref": "#/components/schemas/Id"
     },
     "state": {
      "type": "string",
      "enum": [
       "proposed",
       "accepted",
       "declined",
       "expired",
       "sampleShipped",
       "contentPosted",
       "completed",
       "cancelled"
      ]
     },
     "source": {
      "type": "string",
      "enum": [
       "batch",
       "manual"
      ]
     },
     "runID": {
      "type": "integer",
      "minimum": 1
     },
     "score": {
      "type": "number"
     },
     "weekStart": {
      "$ref": "#/components/schemas/Instant"
     },
     "createdAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "expiresAt": {
      "$ref": "#/components/schemas/Instant"
     },
     "updatedAt": {
      "$ref": "#/components/schemas/Instant"
     }
    },
    "required": [
     "id",
     "creator",
     "campaign",
     "shop",
     "state",
     "source",
     "weekStart",
     "createdAt",
     "expiresAt",
     "updatedAt"
    ],
    "additionalProperties": false
   },
   "MatchEvent": {
    "type": "object",
    "properties": {
     "from": {
      "type": "string",
      "enum": [
       "proposed",
       "accepted",
       "declined",
       "expired",
       "sampleShipped",
       "contentPosted",
       "completed",
       "cancelled"
      ]
     },
     "to": {
      "type": "string",
      "enum": [
       "proposed",
       "accepted",
       "declined",
       "expired",
       "sampleShipped",
       "contentPosted",
       "completed",
       "cancelled"
      ]
     },
     "at": {
      "$ref": "#/components/schemas/Instant"
     },
     "actor": {
      "type": "string"
     },
     "note": {
      "type": "string"
     }
    },
    "required": [
     "to",
     "at",
     "actor"
    ],
    "additionalProperties": false
   },
   "MatchWithHistory": {
    "type": "object",
    "properties": {
     "match": {
      "$ref": "#/components/schemas/Match"
     },
     "history": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/MatchEvent"
      },
      "minItems": 1
     }
    },
    "required": [
     "match",
     "history"
    ],
    "additionalProperties": false
   },
   "MatchPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Match"
      }
     },
     "nextCursor": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]+$"
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "MatchInput": {
    "type": "object",
    "properties": {
     "creator": {
      "$ref": "#/components/schemas/Id"
     },
     "campaign": {
      "$ref": "#/components/schemas/Id"
     }
    },
    "required": [
     "creator",
     "campaign"
    ],
    "additionalProperties": false,
    "description": "the creator must be eligible for the campaign now (M-ELIGIBLE) and have no open match for it this week (M-WEEKLY), else 422"
   }
  },
  "responses": {
   "Unauthorized": {
    "description": "no, an unknown or a revoked API key",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     },
     "WWW-Authenticate": {
      "$ref": "#/components/headers/WWWAuthenticate"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 401
          }
         }
        }
       ]
      }
     }
    }
   },
   "NotFound": {
    "description": "not found, or not visible to this key (brands see only their own shop, its campaigns and their matches)",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 404
          }
         }
        }
       ]
      }
     }
    }
   },
   "NotFoundOrManagersOnly": {
    "description": "not found; or a brand key (managers only)",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 404
          }
         }
        }
       ]
      }
     }
    }
   },
   "BadParameter": {
    "description": "a bad query parameter: errors[].parameter names it",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 400
          }
         }
        }
       ]
      }
     }
    }
   },
   "NotJSON": {
    "description": "the body is not JSON",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 400
          }
         }
        }
       ]
      }
     }
    }
   },
   "Invalid": {
    "description": "JSON with bad values: one entry per bad member, with a JSON pointer and the rule broken, if any",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 422
          }
         }
        }
       ]
      }
     }
    }
   },
   "TooLarge": {
    "description": "the body is larger than 1 MiB",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 413
          }
         }
        }
       ]
      }
     }
    }
   },
   "Exists": {
    "description": "the id exists already (use PATCH to change it)",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 409
          }
         }
        }
       ]
      }
     }
    }
   },
   "NotReady": {
    "description": "the database is not reachable",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 503
          }
         }
        }
       ]
      }
     }
    }
   },
   "OtherShop": {
    "description": "a brand key asked for another shop's campaigns",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 404
          }
         }
        }
       ]
      }
     }
    }
   },
   "NotFoundEligibility": {
    "description": "no such creator, campaign or shop; or a brand key",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 404
          }
         }
        }
       ]
      }
     }
    }
   },
   "JobFailed": {
    "description": "the job failed: the run's problem",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 422
          }
         }
        }
       ]
      }
     }
    }
   },
   "NotFoundMatchInput": {
    "description": "no such creator or campaign; or a brand key",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 404
          }
         }
        }
       ]
      }
     }
    }
   },
   "Forbidden": {
    "description": "a brand may not take this action",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 403
          }
         }
        }
       ]
      }
     }
    }
   },
   "WrongState": {
    "description": "the match's current state does not allow the action (the detail names the state)",
    "headers": {
     "X-Request-Id": {
      "$ref": "#/components/headers/RequestId"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "allOf": [
        {
         "$ref": "#/components/schemas/Problem"
        },
        {
         "properties": {
          "status": {
           "const": 409
          }
         }
        }
       ]
      }
     }
    }
   }
  },
  "headers": {
   "RequestId": {
    "description": "names the request in the server log",
    "required": true,
    "schema": {
     "type": "string",
     "pattern": "^[0-9a-f]+$"
    }
   },
   "Location": {
    "description": "the URL of the new (or reused) object",
    "required": true,
    "schema": {
     "type": "string",
     "pattern": "^/v1/"
    }
   },
   "WWWAuthenticate": {
    "description": "the scheme to authenticate with",
    "required": true,
    "schema": {
     "type": "string",
     "const": "Bearer"
    }
   }
  },
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "an API key from `starmatch keys create` (at most 293 characters)"
   }
  }
 }
}
"""#
