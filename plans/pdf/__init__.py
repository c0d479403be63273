"""A plan as a PDF: the document the partnership publishes and sends to the Police
and Crime Commissioner.

The PDF is drawn from the same data as the plan's web page (``assemble_plan``) and
with the same block partials, styled by a lean print stylesheet of its own
(``static/src/pdf.css``), then laid out by WeasyPrint as a tagged PDF/UA-1 document.

The modules, each usable on its own:

- ``render``: ``plan_html(plan)``, the print HTML; ``html_to_pdf(html)``, WeasyPrint
  alone (the only function that calls it); ``render_plan_pdf(plan)``, both, no cache;
- ``chart``: the geometry of a series' column chart;
- ``names``: the stylesheet, the static files' addresses, the download's file name;
- ``fetcher``: what WeasyPrint may read (the app's static files, nothing else);
- ``cache``: the PDF is kept in ``RenderedPDF`` under a fingerprint of the plan's
  content and layout, so a download of unchanged content never calls WeasyPrint. A
  published plan's PDF is kept byte for byte and found by a version key without
  fingerprinting (two small queries). ``cached_plan_pdf(plan)`` renders in this
  process when nothing is kept (``export_pdf``);
- ``tasks``: the download view (``views``) asks the background worker for a PDF it
  does not find, once per version, and says it is being prepared; the worker's task
  renders and keeps it;
- ``isolated``: the worker lays out each PDF in a child process, forked from a fork
  server that ``forkserver`` warms up, and stopped after ``PDF_RENDER_TIMEOUT``;
- ``stop_worker``: how ``make run`` and ``make serve`` stop the worker.

No module that the download view imports loads WeasyPrint: web processes never do.

No network while rendering: WeasyPrint reads the stylesheet and the fonts through
``StaticFileFetcher``, which serves the app's own static files from disk and refuses
every other address (a stylesheet fetched over HTTP from the app itself can stall
every PDF while the only worker waits for itself).

Memory: WeasyPrint's resident memory grows over many renders in one process (fonts
and layout caches in Pango and Python; several upstream reports). Each of the
worker's renders is a child process of its own, whose memory goes when it exits.
"""
