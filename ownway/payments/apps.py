from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "ownway.payments"
    label = "payments"
    verbose_name = "Direct payments"

    def ready(self) -> None:
        from ownway.charging.followers import contribution_follower_register

        from .followers import AGREEMENT_RATE

        contribution_follower_register(AGREEMENT_RATE)

        from ownway.directory.selectors import direct_payment_check_register

        from .selectors import has_active_direct_payment

        direct_payment_check_register(has_active_direct_payment)

        from ownway.jobs.models import Cadence
        from ownway.jobs.services import ScheduleDefault, schedule_register

        from . import tasks

        schedule_register(
            ScheduleDefault(
                key=tasks.SCHEDULE_KEY,
                label="Pay the direct payments due",
                work=lambda: tasks.direct_payments_run,
                cadence=Cadence.DAILY,
                at=tasks.payment_run_at,
            )
        )
