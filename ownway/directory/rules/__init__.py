"""Pure rules of the directory: costs, schedules, distances, assurance and change review. No Django here."""
