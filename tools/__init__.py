"""Developer tools of territoires-kg: not part of the installed package (the wheel ships ``kg`` only)."""
