"""The four documents: their code, their address and their title.

The titles are the documents' own names in each language, not translations of the interface:
a German site must link an "Impressum" and a "Datenschutzerklärung", whatever the catalogue.
"""

from dataclasses import dataclass

from flask_babel import get_locale

TEXT_MAX = 50_000  # characters per language: a long privacy policy is about 30,000


@dataclass(frozen=True)
class Document:
    kind: str
    endpoint: str  # its public page
    title_en: str
    title_de: str

    @property
    def title(self) -> str:
        """The title in this request's language."""
        locale = get_locale()
        return self.title_de if locale is not None and locale.language == "de" else self.title_en


IMPRINT, PRIVACY, TERMS, GUIDELINES = "imprint", "privacy", "terms", "guidelines"

DOCUMENTS = {
    IMPRINT: Document(IMPRINT, "legal.imprint", "Imprint", "Impressum"),
    PRIVACY: Document(PRIVACY, "legal.privacy", "Privacy policy", "Datenschutzerklärung"),
    TERMS: Document(TERMS, "legal.terms", "Terms of use", "Nutzungsbedingungen"),
    GUIDELINES: Document(
        GUIDELINES, "legal.guidelines", "Community guidelines", "Community-Richtlinien"
    ),
}
