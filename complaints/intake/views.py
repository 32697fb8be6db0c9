"""The public forms' pages (no sign-in) and the staff download of attachments.

Every journey uses the same four views: start, a question page, "Check your
answers" and the confirmation (complaints.intake.wizard).
"""

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import FileResponse, Http404, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from complaints.casework.lookup import case_for
from complaints.accounts.access import Action
from complaints.accounts.decorators import require
from complaints.audit import audit
from complaints.audit.client import client_address
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case
from complaints.intake import limits, services, uploads
from complaints.intake.forms import Honeypot, SendForm
from complaints.intake.journeys import JOURNEYS
from complaints.intake.models import Attachment, PublicSubmission
from complaints.intake.wizard import Wizard

logger = logging.getLogger(__name__)

BAD_REQUESTS = (RequestDataTooBig, TooManyFieldsSent, MultiPartParserError, UnreadablePostError)


def public_form(view):
    """For the public pages: look the journey up, find the sender's address
    (the one every limit is counted against), and read a posted body within
    our limits before the CSRF check reads it.

    Django's upload handlers can only be set before anything reads the body,
    and the CSRF middleware does; so the middleware is skipped here and the
    same check is run afterwards (Django's documented way). A body too large
    or malformed gets a GOV.UK page (400), never a server error.
    """
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapped(request, journey, *args, **kwargs):
        journey = JOURNEYS.get(journey)
        if journey is None:
            raise Http404("No such form")
        address = client_address(request)
        handler = None
        if request.method == "POST":
            handler = limits.LimitedUploadHandler(request, address)
            request.upload_handlers.insert(0, handler)
            try:
                request.POST  # noqa: B018 (parse the body now, inside the limits)
            except BAD_REQUESTS as error:
                logger.warning("Refused a public form's body: %s", error)
                return _problem(request, journey, "too_big", 400)
        wizard = Wizard(request, journey, address)
        wizard.upload_limits = handler
        return protected(request, wizard, *args, **kwargs)

    return wrapped


def _context(journey, **extra):
    return {
        "journey": journey,
        "service_name": journey.service_name,
        "max_files": settings.ATTACHMENT_MAX_FILES,
        "max_file_size": uploads.size_words(settings.ATTACHMENT_MAX_BYTES),
        **extra,
    }


def _problem(request, journey, reason, status):
    """The page for a form we cannot accept: see intake/problem.html."""
    return render(request, "intake/problem.html", _context(journey, reason=reason), status=status)


@public_form
def start(request, wizard):
    first = wizard.journey.url("step", wizard.journey.steps[0].slug)
    return render(request, wizard.journey.start_template, _context(wizard.journey, first=first))


@public_form
def question(request, wizard, step):
    step = wizard.journey.step(step)
    if step is None:
        raise Http404("No such question")
    if not wizard.started:
        if request.method == "POST" and step != wizard.journey.steps[0]:
            messages.info(request, "We could not find your earlier answers. This can happen if "
                                   "you leave a page open for more than 30 minutes.")
        wizard.start()
    back, after = wizard.neighbours(step)
    checking = "check" in request.GET
    if request.method == "POST":
        form = wizard.form(step, request.POST, request.FILES)
        try:
            valid = form.is_valid()
        except Honeypot:
            logger.warning("Refused a public form: the honeypot field was filled in")
            return _problem(request, wizard.journey, "robot", 400)
        if "remove" in request.POST:
            wizard.remove_upload(request.POST["remove"])
            return redirect(request.get_full_path())
        if valid:
            wizard.save(step, form)
            if "add" in request.POST:
                return redirect(request.get_full_path())
            return redirect(wizard.journey.url("check") if checking else after)
    else:
        missing = wizard.first_missing(before=step, check=False)
        if missing is not None:
            return redirect(wizard.journey.url("step", missing.slug))
        form = wizard.stored_form(step)
    return render(request, form.page_template, _context(
        wizard.journey, form=form, step=step, back=back, skip=after, checking=checking,
        uploaded=wizard.uploads()))


@public_form
def check(request, wizard):
    if wizard.sent_token and not wizard.started:
        return redirect(wizard.journey.url("sent"))
    if not wizard.started:
        return redirect(wizard.journey.url("start"))
    missing = wizard.first_missing()
    if missing is not None:
        return redirect(wizard.journey.url("step", missing.slug))
    form = SendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        try:
            valid = form.is_valid()
        except Honeypot:
            logger.warning("Refused a public form: the honeypot field was filled in")
            return _problem(request, wizard.journey, "robot", 400)
        if valid:
            try:
                submission = wizard.journey.send(wizard, wizard.address)
            except limits.RateLimited:
                return _problem(request, wizard.journey, "rate_limited", 429)
            wizard.finish(submission.token)
            return redirect(wizard.journey.url("sent"))
    sections = [
        {"step": step, "url": f"{wizard.journey.url('step', step.slug)}?check",
         "rows": form_.summary()}
        for step, form_ in wizard.answered()
    ]
    return render(request, "intake/check.html", _context(
        wizard.journey, form=form, sections=sections,
        back=wizard.journey.url("step", wizard.journey.steps[-1].slug)))


@public_form
def sent(request, wizard):
    token = wizard.sent_token
    if token is None:
        return redirect(wizard.journey.url("start"))
    submission = get_object_or_404(
        PublicSubmission.objects.select_related("case__complainant", "compliment"), token=token)
    receipt = services.receipt(submission.case) if submission.case_id else None
    return render(request, wizard.journey.sent_template, _context(wizard.journey, receipt=receipt))


@require(Action.VIEW_CASE)
def attachment(request, reference, pk):
    """A file sent with a complaint, to staff who may see the case; noted in
    the audit log as an export."""
    # A case the user may not see answers as one that does not exist (and is audited).
    case: Case = case_for(request, reference, Action.VIEW_CASE)
    attachment = get_object_or_404(Attachment, pk=pk, case=case)
    path = attachment.file_path
    if not path.is_file():
        raise Http404("The file is missing")
    name = attachment.download_name
    audit.record(request, AuditEntry.Action.EXPORT, case, detail=f"Attachment {name}")
    # Named and typed by what the contents were found to be, never opened in
    # the browser, never sniffed: a PDF that is also a web page stays a PDF.
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name,
                            content_type=attachment.download_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
