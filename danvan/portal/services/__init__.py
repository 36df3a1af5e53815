"""Writes behind the portal: publishing models (publications) and stories; every one audited."""
