/// The OpenAPI 3.1 document served at `GET /openapi.json`. Written by hand in `docs/openapi.py` (edit there, then
/// `python3 docs/openapi.py`); `Tests/api-fuzz.sh` (run by CI) proves the server keeps it: schemathesis sends
/// generated requests to every route and checks every response against it.
let openAPIDocument = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "StarMatch API",
  "version": "1.0.0",
  "description": "Creator\u2013brand matching by the Star Creator rules. Keys: `starmatch keys create`; send `Authorization: Bearer KEY`. A manager key sees everything; a brand key only its shop, its campaigns and their shortlists (anything else is 404)."
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Status"
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Status"
        }
       }
      }
     },
     "503": {
      "description": "the database is not reachable",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
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
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
       "type": "string",
       "pattern": "^[A-Z]{2}$",
       "description": "ISO 3166-1 alpha-2 region code"
      },
      "description": "only this region"
     },
     {
      "name": "niche",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      },
      "description": "only creators with this niche or one below it"
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
       "type": "string"
      },
      "description": "nextCursor of the previous page"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CreatorPage"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "tags": [
     "creators"
    ],
    "summary": "Create a creator (the import's validation)",
    "operationId": "createCreator",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreatorInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Creator"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        },
        "description": "the new object's URL"
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the id exists already",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Creator"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "patch": {
    "tags": [
     "creators"
    ],
    "summary": "Change members of a creator (the whole is revalidated)",
    "operationId": "updateCreator",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreatorPatch"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Creator"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
       "type": "string",
       "pattern": "^[A-Z]{2}$",
       "description": "ISO 3166-1 alpha-2 region code"
      },
      "description": "only this region"
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
       "type": "string"
      },
      "description": "nextCursor of the previous page"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ShopPage"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "tags": [
     "shops"
    ],
    "summary": "Create a shop (the import's validation)",
    "operationId": "createShop",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ShopInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shop"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        },
        "description": "the new object's URL"
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the id exists already",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shop"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "patch": {
    "tags": [
     "shops"
    ],
    "summary": "Change members of a shop (the whole is revalidated)",
    "operationId": "updateShop",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ShopPatch"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shop"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
       "type": "string"
      },
      "description": "only this shop's"
     },
     {
      "name": "openAt",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "only campaigns open at this instant"
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
       "type": "string"
      },
      "description": "nextCursor of the previous page"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CampaignPage"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "tags": [
     "campaigns"
    ],
    "summary": "Create a campaign (the import's validation)",
    "operationId": "createCampaign",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CampaignInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Campaign"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        },
        "description": "the new object's URL"
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the id exists already",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Campaign"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "patch": {
    "tags": [
     "campaigns"
    ],
    "summary": "Change members of a campaign (the whole is revalidated)",
    "operationId": "updateCampaign",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CampaignPatch"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Campaign"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
    }
   ],
   "get": {
    "tags": [
     "scoring"
    ],
    "summary": "Every rule that applies, with its id (marketplace, a sample match with a shop, or a campaign)",
    "operationId": "eligibility",
    "parameters": [
     {
      "name": "campaign",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "judge this campaign"
     },
     {
      "name": "shop",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "judge a free-sample match with this shop"
     },
     {
      "name": "at",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "the instant to answer for: ISO 8601 with Z or an offset, or YYYY-MM-DD (default: now, to the minute)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Eligibility"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
    }
   ],
   "get": {
    "tags": [
     "scoring"
    ],
    "summary": "The campaigns that fit a creator best",
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
       ]
      },
      "description": "include every component's input"
     },
     {
      "name": "profile",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "pattern": "^[A-Za-z0-9_-]{1,64}$"
      },
      "description": "scoring profile (Scoring/NAME.json; default: default)"
     },
     {
      "name": "at",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "the instant to answer for: ISO 8601 with Z or an offset, or YYYY-MM-DD (default: now, to the minute)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Matches"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
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
       ]
      },
      "description": "include every component's input"
     },
     {
      "name": "region",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "pattern": "^[A-Z]{2}$",
       "description": "ISO 3166-1 alpha-2 region code"
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
       "pattern": "^[A-Za-z0-9_-]{1,64}$"
      },
      "description": "scoring profile (Scoring/NAME.json; default: default)"
     },
     {
      "name": "at",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "the instant to answer for: ISO 8601 with Z or an offset, or YYYY-MM-DD (default: now, to the minute)"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Shortlist"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/batches": {
   "get": {
    "tags": [
     "batches"
    ],
    "summary": "Stored weekly runs",
    "operationId": "listBatches",
    "responses": {
     "200": {
      "description": "OK",
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
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "tags": [
     "batches"
    ],
    "summary": "Run the weekly batch (M-WEEKLY)",
    "operationId": "runBatch",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/BatchRequest"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "unchanged inputs (the week's run, reused) or a dry run",
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Batch"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        },
        "description": "the new object's URL"
       }
      }
     },
     "202": {
      "description": "still running after 10 s: poll the Location",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        },
        "description": "the new object's URL"
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
    }
   ],
   "get": {
    "tags": [
     "batches"
    ],
    "summary": "A stored run by number, or a job started by POST /v1/batches",
    "operationId": "getBatch",
    "responses": {
     "200": {
      "description": "OK",
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/sales": {
   "post": {
    "tags": [
     "activity"
    ],
    "summary": "Sales: one object or an array of up to 10,000, stored all or nothing",
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
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Created"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the id exists already",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/content-events": {
   "post": {
    "tags": [
     "activity"
    ],
    "summary": "Content events: one object or an array of up to 10,000, stored all or nothing",
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
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Created"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the id exists already",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/violations": {
   "post": {
    "tags": [
     "activity"
    ],
    "summary": "Violations: one object or an array of up to 10,000, stored all or nothing",
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
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Created"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the id exists already",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
       "type": "string"
      },
      "description": "only this creator's"
     },
     {
      "name": "campaign",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
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
       "type": "string"
      },
      "description": "nextCursor of the previous page"
     }
    ],
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MatchPage"
        }
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "tags": [
     "matches"
    ],
    "summary": "Propose a match by hand (managers; the creator must be eligible: M-ELIGIBLE)",
    "operationId": "createMatch",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/MatchInput"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Match"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        },
        "description": "the new object's URL"
       }
      }
     },
     "400": {
      "description": "a bad query parameter or malformed JSON",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "the body is larger than 1 MiB",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "valid JSON with bad values: one entry per bad field, with a JSON pointer",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
    }
   ],
   "get": {
    "tags": [
     "matches"
    ],
    "summary": "A match with its append-only history",
    "operationId": "getMatch",
    "responses": {
     "200": {
      "description": "OK",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MatchWithHistory"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
     }
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
     }
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
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Match"
        }
       }
      }
     },
     "401": {
      "description": "no, an unknown or a revoked API key",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "a brand may not take this action",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "not found, or not visible to this key (brands see only their own shop)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "the match's current state does not allow the action (the detail names the state)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  }
 },
 "components": {
  "schemas": {
   "Problem": {
    "type": "object",
    "properties": {
     "type": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "detail": {
      "type": "string"
     },
     "errors": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/FieldError"
      }
     }
    },
    "required": [
     "type",
     "title",
     "status",
     "detail"
    ],
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
    ]
   },
   "Status": {
    "type": "object",
    "properties": {
     "status": {
      "type": "string"
     }
    },
    "required": [
     "status"
    ]
   },
   "Creator": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
      "type": "string",
      "pattern": "^[A-Z]{2}$",
      "description": "ISO 3166-1 alpha-2 region code"
     },
     "birthDate": {
      "type": "string",
      "format": "date"
     },
     "registeredAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "ageConfirmedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "niches": {
      "type": "array",
      "items": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     },
     "pilotStartedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "quizPassedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
    ]
   },
   "CreatorInput": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
      "type": "string",
      "pattern": "^[A-Z]{2}$",
      "description": "ISO 3166-1 alpha-2 region code"
     },
     "birthDate": {
      "type": "string",
      "format": "date"
     },
     "registeredAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "ageConfirmedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "niches": {
      "type": "array",
      "items": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     },
     "pilotStartedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "quizPassedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
    "additionalProperties": false
   },
   "CreatorPatch": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
      "type": "string",
      "pattern": "^[A-Z]{2}$",
      "description": "ISO 3166-1 alpha-2 region code"
     },
     "birthDate": {
      "type": "string",
      "format": "date"
     },
     "registeredAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "ageConfirmedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "niches": {
      "type": "array",
      "items": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     },
     "pilotStartedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "quizPassedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     }
    },
    "required": [],
    "additionalProperties": false
   },
   "Shop": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "name": {
      "type": "string"
     },
     "region": {
      "type": "string",
      "pattern": "^[A-Z]{2}$",
      "description": "ISO 3166-1 alpha-2 region code"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "categories": {
      "type": "array",
      "items": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     }
    },
    "required": [
     "id",
     "name",
     "region",
     "score",
     "categories"
    ]
   },
   "ShopInput": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "name": {
      "type": "string"
     },
     "region": {
      "type": "string",
      "pattern": "^[A-Z]{2}$",
      "description": "ISO 3166-1 alpha-2 region code"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "categories": {
      "type": "array",
      "items": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
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
   "ShopPatch": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "name": {
      "type": "string"
     },
     "region": {
      "type": "string",
      "pattern": "^[A-Z]{2}$",
      "description": "ISO 3166-1 alpha-2 region code"
     },
     "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "categories": {
      "type": "array",
      "items": {
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     }
    },
    "required": [],
    "additionalProperties": false
   },
   "Campaign": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "shop": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     },
     "slots": {
      "type": "integer",
      "minimum": 0
     },
     "startsAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "endsAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "commissionPercent": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "minFollowers": {
      "type": "integer",
      "minimum": 0
     },
     "regions": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{2}$",
       "description": "ISO 3166-1 alpha-2 region code"
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
    ]
   },
   "CampaignInput": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "shop": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     },
     "slots": {
      "type": "integer",
      "minimum": 0
     },
     "startsAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "endsAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "commissionPercent": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "minFollowers": {
      "type": "integer",
      "minimum": 0
     },
     "regions": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{2}$",
       "description": "ISO 3166-1 alpha-2 region code"
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
    "additionalProperties": false
   },
   "CampaignPatch": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "shop": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
       "type": "string",
       "description": "category path, e.g. beauty/skincare"
      }
     },
     "slots": {
      "type": "integer",
      "minimum": 0
     },
     "startsAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "endsAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "commissionPercent": {
      "type": "number",
      "minimum": 0,
      "maximum": 100
     },
     "minFollowers": {
      "type": "integer",
      "minimum": 0
     },
     "regions": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{2}$",
       "description": "ISO 3166-1 alpha-2 region code"
      }
     }
    },
    "required": [],
    "additionalProperties": false
   },
   "SaleInput": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "creator": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "shop": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "campaign": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "category": {
      "type": "string",
      "description": "category path, e.g. beauty/skincare"
     },
     "orderedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "orders": {
      "type": "integer",
      "minimum": 0
     },
     "returnedOrders": {
      "type": "integer",
      "minimum": 0
     },
     "gmvMinor": {
      "type": "integer",
      "minimum": 0
     },
     "currency": {
      "type": "string",
      "pattern": "^[A-Z]{3}$"
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
    "additionalProperties": false
   },
   "ContentEventInput": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "creator": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "content": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "durationSeconds": {
      "type": "integer",
      "minimum": 0
     },
     "isPrivate": {
      "type": "boolean"
     },
     "shoppable": {
      "type": "boolean"
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
    "additionalProperties": false
   },
   "ViolationInput": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "creator": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
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
      "minimum": 1
     },
     "at": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     }
    },
    "required": [
     "id",
     "creator",
     "kind",
     "points",
     "at"
    ],
    "additionalProperties": false
   },
   "Created": {
    "type": "object",
    "properties": {
     "created": {
      "type": "integer"
     },
     "ids": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "required": [
     "created",
     "ids"
    ]
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
      "type": "string"
     }
    },
    "required": [
     "items"
    ]
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
      "type": "string"
     }
    },
    "required": [
     "items"
    ]
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
      "type": "string"
     }
    },
    "required": [
     "items"
    ]
   },
   "Check": {
    "type": "object",
    "properties": {
     "rule": {
      "type": "string"
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
    ]
   },
   "Eligibility": {
    "type": "object",
    "properties": {
     "creator": {
      "type": "string"
     },
     "subject": {
      "type": "string"
     },
     "at": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "eligible": {
      "type": "boolean"
     },
     "refusedBy": {
      "type": "array",
      "items": {
       "type": "string"
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
    ]
   },
   "Component": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "input": {
      "type": "string"
     },
     "value": {
      "type": "number"
     },
     "weight": {
      "type": "number"
     },
     "contribution": {
      "type": "number"
     }
    },
    "required": [
     "name",
     "input",
     "value",
     "weight",
     "contribution"
    ]
   },
   "RankedCreator": {
    "type": "object",
    "properties": {
     "rank": {
      "type": "integer"
     },
     "creator": {
      "type": "string"
     },
     "handle": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "followers": {
      "type": "integer"
     },
     "region": {
      "type": "string"
     },
     "score": {
      "type": "number"
     },
     "components": {
      "type": "object",
      "additionalProperties": {
       "type": "number"
      }
     },
     "explanation": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Component"
      }
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
    ]
   },
   "Shortlist": {
    "type": "object",
    "properties": {
     "campaign": {
      "type": "string"
     },
     "shop": {
      "type": "string"
     },
     "at": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "profile": {
      "type": "string"
     },
     "salesReference": {
      "type": "number"
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
    ]
   },
   "RankedCampaign": {
    "type": "object",
    "properties": {
     "rank": {
      "type": "integer"
     },
     "campaign": {
      "type": "string"
     },
     "shop": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "score": {
      "type": "number"
     },
     "components": {
      "type": "object",
      "additionalProperties": {
       "type": "number"
      }
     },
     "explanation": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Component"
      }
     }
    },
    "required": [
     "rank",
     "campaign",
     "shop",
     "kind",
     "score",
     "components"
    ]
   },
   "Matches": {
    "type": "object",
    "properties": {
     "creator": {
      "type": "string"
     },
     "at": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
    ]
   },
   "BatchRun": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "week": {
      "type": "string"
     },
     "inputsHash": {
      "type": "string"
     },
     "profile": {
      "type": "string"
     },
     "objective": {
      "type": "number"
     },
     "assignments": {
      "type": "integer"
     },
     "creatorsUsed": {
      "type": "integer"
     },
     "campaigns": {
      "type": "integer"
     },
     "candidates": {
      "type": "integer"
     },
     "durationMs": {
      "type": "integer"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "supersededBy": {
      "type": "integer"
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
    ]
   },
   "CampaignFill": {
    "type": "object",
    "properties": {
     "campaign": {
      "type": "string"
     },
     "slots": {
      "type": "integer"
     },
     "filled": {
      "type": "integer"
     },
     "candidates": {
      "type": "integer"
     },
     "bound": {
      "type": "string"
     }
    },
    "required": [
     "campaign",
     "slots",
     "filled",
     "candidates",
     "bound"
    ]
   },
   "BatchMatch": {
    "type": "object",
    "properties": {
     "creator": {
      "type": "string"
     },
     "campaign": {
      "type": "string"
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
    ]
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
    ]
   },
   "BatchRequest": {
    "type": "object",
    "properties": {
     "week": {
      "type": "string",
      "pattern": "^[0-9]{4}-W[0-9]{2}$",
      "description": "ISO week, e.g. 2026-W48"
     },
     "dryRun": {
      "type": "boolean"
     },
     "profile": {
      "type": "string"
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
      "type": "string"
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
    ]
   },
   "Match": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "creator": {
      "type": "string"
     },
     "campaign": {
      "type": "string"
     },
     "shop": {
      "type": "string"
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
      "type": "integer"
     },
     "score": {
      "type": "number"
     },
     "weekStart": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "expiresAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
     },
     "updatedAt": {
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
    ]
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
      "type": "string",
      "format": "date-time",
      "description": "ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z"
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
    ]
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
      }
     }
    },
    "required": [
     "match",
     "history"
    ]
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
      "type": "string"
     }
    },
    "required": [
     "items"
    ]
   },
   "MatchInput": {
    "type": "object",
    "properties": {
     "creator": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     },
     "campaign": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
      "description": "1\u201364 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
     }
    },
    "required": [
     "creator",
     "campaign"
    ],
    "additionalProperties": false
   }
  },
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer"
   }
  }
 }
}
"""#
