"""Stage 5, emit: layout data → .docx (and PDF through LibreOffice)."""

from perfsheet.docx.package import document_parts, write_docx
from perfsheet.docx.pdf import PdfError, convert_to_pdf, find_soffice

__all__ = ["PdfError", "convert_to_pdf", "document_parts", "find_soffice", "write_docx"]
