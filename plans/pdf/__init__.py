"""A plan as a PDF: the document the partnership publishes and sends to the Police
and Crime Commissioner.

The PDF is drawn from the same data as the plan's web page (``assemble_plan``) and
with the same block partials, styled by a lean print stylesheet of its own
(``static/src/pdf.css``), then laid out by WeasyPrint as a tagged PDF/UA-1 document.

The modules, each usable on its own:

- ``render``: ``plan_html(plan)``, the print HTML; ``html_to_pdf(html)``, WeasyPrint
  alone (the only function that calls it); ``render_plan_pdf(plan)``, both, no cache;
- ``chart``: the geometry of a series' column chart;
- ``fetcher``: what WeasyPrint may read (the app's static files, nothing else);
- ``cache``: ``cached_plan_pdf(plan)``, what the download view and ``export_pdf`` use. The PDF
  is kept in ``RenderedPDF`` under a fingerprint of the plan's content, so a second
  download of unchanged content costs one small query and the bytes, and never
  calls WeasyPrint. A published plan's PDF is kept byte for byte.

No network while rendering: WeasyPrint reads the stylesheet and the fonts through
``StaticFileFetcher``, which serves the app's own static files from disk and refuses
every other address (a stylesheet fetched over HTTP from the app itself can stall
every PDF while the only worker waits for itself).

Memory: WeasyPrint's resident memory grows over many renders in one process (fonts
and layout caches in Pango and Python; several upstream reports). Web workers should
be recycled (gunicorn ``--max-requests``, as ``make serve`` does), and a busy
deployment should render first downloads in a task rather than in the request.
"""
