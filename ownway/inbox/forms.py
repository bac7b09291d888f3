"""The message form."""

from django import forms

from .models import MAX_MESSAGE


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write your message",
            "max_length": f"Your message must be {MAX_MESSAGE:,} characters or fewer",
        },
    )
