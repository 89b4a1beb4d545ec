"""The URI policy, in one place.

Every IRI the graph mints is built here, deterministically, under a
configurable base (default ``https://w3id.org/territoires-kg/id/``):

- from a stable national identifier where one exists: an EPCI from its SIREN,
  a commune or department from its INSEE code, a territory from its ANCT id;
- otherwise from normalised names and dates, so that the same real-world
  thing seen in two documents gets the same IRI (a convention approved by five
  councils is one convention, with one set of posts and contributions).

>>> iris = Iris()
>>> iris.epci("242100410")
'https://w3id.org/territoires-kg/id/epci/242100410'
>>> iris.convention("ti-2703", 2024, 2027)
'https://w3id.org/territoires-kg/id/convention/ti-2703/2024-2027'
>>> slug("Communauté de Communes du Grand Autunois Morvan")
'communaute-de-communes-du-grand-autunois-morvan'
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from kg.config import DEFAULT_BASE as DEFAULT_BASE  # a setting (TKG_BASE), read by every stage
from kg.mapping.vocab import TKG

ONTOLOGY = str(TKG)


@functools.lru_cache(maxsize=8192)  # the same names and properties, over and over
def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; stable across spellings of case and accents.

    >>> slug("  L'Agence Nationale de la Cohésion des Territoires ")
    'l-agence-nationale-de-la-cohesion-des-territoires'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Iris:
    """Mints the IRIs of every resource in the graph."""

    base: str = DEFAULT_BASE

    def _iri(self, *parts: str) -> str:
        return self.base + "/".join(parts)

    # Authorities, from national identifiers
    def epci(self, siren: str) -> str:
        return self._iri("epci", siren)

    def commune(self, insee: str) -> str:
        return self._iri("commune", insee)

    def department(self, insee: str) -> str:
        return self._iri("departement", insee)

    def region(self, insee: str) -> str:
        return self._iri("region", insee)

    def agency(self, acronym: str) -> str:
        """A State agency, by its usual acronym (``anct``)."""
        return self._iri("agency", slug(acronym))

    def unresolved_authority(self, name: str) -> str:
        """An authority the registry could not resolve, kept by its written name."""
        return self._iri("authority", slug(name))

    def council(self, authority_iri: str) -> str:
        return authority_iri + "/council"

    # Programmes and territories
    def programme(self, key: str) -> str:
        """A national programme by its ANCT prefix (``ti``, ``pvd``, ``acv``, ``va``) or name."""
        return self._iri("programme", slug(key))

    def phase(self, programme_key: str, start_year: int, end_year: int) -> str:
        return self._iri("programme", slug(programme_key), f"{start_year}-{end_year}")

    def territory(self, anct_id: str) -> str:
        return self._iri("territory", slug(anct_id))

    def unlisted_territory(self, name: str) -> str:
        """A territory not (or no longer) in the ANCT lists, kept by its name."""
        return self._iri("territory", "name", slug(name))

    def membership(self, territory_iri: str, member_iri: str) -> str:
        return f"{territory_iri}/member/{member_iri.rstrip('/').rsplit('/', 1)[-1]}"

    def population(self, authority_iri: str, vintage: str) -> str:
        return f"{authority_iri}/population/{slug(vintage)}"

    # Conventions and what they bind, keyed by territory and period
    def convention(self, territory_key: str, start_year: int, end_year: int) -> str:
        return self._iri("convention", slug(territory_key), f"{start_year}-{end_year}")

    def axis(self, convention_iri: str, title: str) -> str:
        return f"{convention_iri}/axis/{slug(title)[:60]}"

    def governance_body(self, convention_iri: str, name: str) -> str:
        return f"{convention_iri}/body/{slug(name)}"

    def post(self, convention_iri: str, kind: str, carrier_key: str) -> str:
        """A post of a convention, by kind and the authority carrying it (SIREN or slug)."""
        return f"{convention_iri}/post/{slug(kind)}/{slug(carrier_key)}"

    def contribution(self, post_iri: str, funder_key: str) -> str:
        return f"{post_iri}/funding/{slug(funder_key)}"

    def funding_plan(self, convention_iri: str) -> str:
        return f"{convention_iri}/funding-plan"

    def commitment(self, convention_iri: str, funder_key: str) -> str:
        return f"{convention_iri}/commitment/{slug(funder_key)}"

    def allocation_key(self, convention_iri: str) -> str:
        return f"{convention_iri}/allocation-key"

    # Sessions, deliberations, people
    def session(self, authority_iri: str, date: dt.date) -> str:
        return f"{authority_iri}/session/{date.isoformat()}"

    def deliberation(self, authority_iri: str, date: dt.date | None, key: str) -> str:
        """A deliberation by its number when given, else by its title's slug.

        Without a date read from the text, the key alone (then the document's) names it.
        """
        day = date.isoformat() if date is not None else "undated"
        return f"{authority_iri}/deliberation/{day}/{slug(key)[:80]}"

    def undated_session(self, authority_iri: str, document_iri: str) -> str:
        """A session whose date the text does not give: known only through its document."""
        return f"{authority_iri}/session/undated-{document_iri.rsplit('/', 1)[-1]}"

    def unnamed_authority(self, document_iri: str) -> str:
        """The deciding authority of a document that does not name it (no label, no code)."""
        return f"{document_iri}/authority"

    def item(self, session_iri: str, key: str) -> str:
        """A deliberation of whole-session minutes, keyed by its number as written (or subject)."""
        return f"{session_iri}/item/{slug(key)[:80]}"

    def item_range(self, session_iri: str, first: int, last: int | None) -> str:
        """Items ``first`` to ``last`` (None: to the end) of a session, with their own attendance."""
        return f"{session_iri}/items/{first}-{'end' if last is None else last}"

    def financing_plan(self, deliberation_iri: str, order: int) -> str:
        return f"{deliberation_iri}/financing-plan/{order}"

    def person(self, authority_iri: str, given_name: str | None, family_name: str) -> str:
        name = f"{given_name} {family_name}" if given_name else family_name
        return f"{authority_iri}/person/{slug(name)}"

    def mandate(self, person_iri: str, council_iri: str) -> str:
        return f"{person_iri}/mandate"

    def proxy(self, session_iri: str, grantor_slug: str) -> str:
        return f"{session_iri}/proxy/{grantor_slug}"

    def substitution(self, session_iri: str, substitute_name: str) -> str:
        """A substitute sitting for a member at a session, by the substitute's name."""
        return f"{session_iri}/substitution/{slug(substitute_name)}"

    # What a deliberation decides and how it was voted
    def article(self, deliberation_iri: str, order: int) -> str:
        """The ``order``-th article (decision) of a deliberation or item."""
        return f"{deliberation_iri}/article/{order}"

    def vote(self, deliberation_iri: str) -> str:
        return f"{deliberation_iri}/vote"

    def financing_line(self, plan_iri: str, order: int) -> str:
        return f"{plan_iri}/line/{order}"

    def population_check(self, convention_iri: str) -> str:
        """The check of a convention's declared population against the registry's vintages."""
        return f"{convention_iri}/population-check"

    def vintage_sum(self, check_iri: str, vintage: str) -> str:
        """The members' population sum in one vintage, keyed by the vintage as the registry names it."""
        return f"{check_iri}/{vintage}"

    # Documents and provenance
    def document(self, sha256: str) -> str:
        """One version of a source document, named by the SHA-256 of its content."""
        return self._iri("document", sha256[:16])

    def graph(self, identity: str) -> str:
        """The named graph holding what one source document says, named by the document's
        identity (its path relative to the build root, or its URL), not by its content, so
        that each new version of the document replaces the previous one.

        >>> Iris().graph("corpus/dijon.txt") == Iris().graph("corpus/dijon.txt")
        True
        """
        return self._iri("graph", hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16])

    def graphs_prefix(self) -> str:
        """What every graph IRI starts with (documents' and reference graphs alike)."""
        return self._iri("graph", "")

    def reference_graph(self, name: str) -> str:
        return self._iri("graph", "reference", slug(name))

    def evidence(self, document_iri: str, start: int, end: int, what: str) -> str:
        return f"{document_iri}/evidence/{start}-{end}/{slug(what)}"

    def selector(self, document_iri: str, start: int, end: int) -> str:
        """An RFC 5147 fragment naming a character range of the document's text."""
        return f"{document_iri}#char={start},{end}"

    def position_selector(self, document_iri: str, start: int, end: int) -> str:
        """The ``oa:TextPositionSelector`` of that range (start, end, line and quoted text)."""
        return self.selector(document_iri, start, end) + "-selector"

    def name_resolution(self, document_iri: str, start: int, end: int) -> str:
        """How the name written at ``start``-``end`` of a document was resolved (or not)."""
        return f"{document_iri}/resolution/{start}-{end}"


@dataclass(frozen=True, slots=True)
class SiteIris:
    """The IRIs of the site that publishes the graph: its description (VoID and DCAT-AP), its
    dumps and its SPARQL endpoint, all under ``site`` (which ends in ``/``).

    >>> site = SiteIris("https://w3id.org/territoires-kg/")
    >>> site.dataset()
    'https://w3id.org/territoires-kg/.well-known/void#dataset'
    >>> site.dump("territoires-kg.nq.gz")
    'https://w3id.org/territoires-kg/dumps/territoires-kg.nq.gz'
    """

    site: str

    def _description(self, name: str) -> str:
        return f"{self.site}.well-known/void#{name}"

    def landing_page(self) -> str:
        return self.site

    def dataset(self) -> str:
        return self._description("dataset")

    def publisher(self) -> str:
        return self._description("publisher")

    def catalog(self) -> str:
        return self._description("catalog")

    def distribution(self, format_name: str) -> str:
        """The distribution of one dump format (``nquads``, ``trig``, ``jsonld``)."""
        return self._description(format_name)

    def sparql_service(self) -> str:
        """The SPARQL endpoint described as a distribution."""
        return self._description("sparql")

    def dump(self, filename: str) -> str:
        return f"{self.site}dumps/{filename}"

    def sparql_endpoint(self) -> str:
        return self.site + "sparql"

    def vocabulary(self) -> str:
        """The ontology's namespace as the site serves it."""
        return self.site + "ontology#"
