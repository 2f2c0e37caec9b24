#!/usr/bin/env bash
# Back up and restore the database and the uploaded files.
#   scripts/backup.sh backup             a new timestamped folder under $BACKUP_DIR, then keep the newest $BACKUP_KEEP
#   scripts/backup.sh restore [FOLDER]   put back the given backup (the newest when none is given)
#   scripts/backup.sh list               the backups, newest first
#
# Needs DATABASE_URL and the media folder (DJANGO_MEDIA_ROOT, else $SATU_VAR_DIR/media); pg_dump, pg_restore
# and tar on the PATH. A backup folder holds db.dump (pg_dump's custom format: compressed, restorable table by
# table), media.tar.gz and SHA256SUMS. It is written under a hidden name and renamed when complete, so a
# crash never leaves a folder that looks whole; restore checks the sums before it touches anything.
set -euo pipefail

log() { printf '[satu-inovasi] %s\n' "$*" >&2; }
die() { printf '[satu-inovasi] %s\n' "$*" >&2; exit 1; }

: "${DATABASE_URL:?set DATABASE_URL}"
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-${SATU_VAR_DIR:?set DJANGO_MEDIA_ROOT or SATU_VAR_DIR}/media}
BACKUP_DIR=${BACKUP_DIR:-${SATU_VAR_DIR:-.}/../backups}
BACKUP_KEEP=${BACKUP_KEEP:-14}
# libpq reads postgres:// URLs itself; Django's "postgres" scheme is the same thing.
DB=$DATABASE_URL

backup() {
    mkdir -p "$BACKUP_DIR" "$MEDIA_ROOT"
    local name partial
    name=$(date -u +%Y%m%d-%H%M%S)
    partial="$BACKUP_DIR/.partial-$name"
    rm -rf "$partial"
    mkdir -p "$partial"
    trap 'rm -rf "$partial"' EXIT
    pg_dump --format=custom --no-owner --no-privileges --file="$partial/db.dump" "$DB"
    tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
    (cd "$partial" && sha256sum db.dump media.tar.gz >SHA256SUMS)
    mv "$partial" "$BACKUP_DIR/$name"
    trap - EXIT
    log "backup written: $BACKUP_DIR/$name"
    prune
    echo "$BACKUP_DIR/$name"
}

backups_newest_first() {
    [ -d "$BACKUP_DIR" ] || return 0
    find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*-[0-9]*' -printf '%f\n' | sort -r
}

prune() {
    local old
    backups_newest_first | tail -n +"$((BACKUP_KEEP + 1))" | while read -r old; do
        rm -rf "${BACKUP_DIR:?}/$old"
        log "removed old backup $old (keeping $BACKUP_KEEP)"
    done
}

restore() {
    local folder=${1:-}
    if [ -z "$folder" ]; then
        folder=$(backups_newest_first | head -n 1)
        [ -n "$folder" ] || die "no backup in $BACKUP_DIR"
        folder="$BACKUP_DIR/$folder"
    fi
    [ -f "$folder/SHA256SUMS" ] || die "$folder is not a backup (no SHA256SUMS)"
    (cd "$folder" && sha256sum --quiet -c SHA256SUMS) || die "$folder is damaged: its checksums do not match"
    log "restoring $folder"
    # --clean --if-exists drops each object before creating it again: rows added since the backup go too.
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --dbname="$DB" "$folder/db.dump"
    # Unpack beside the media folder, then swap: a failed unpack leaves the current files as they were.
    local fresh="$MEDIA_ROOT.restoring" old="$MEDIA_ROOT.before-restore"
    rm -rf "$fresh" "$old"
    mkdir -p "$fresh"
    tar -C "$fresh" -xzf "$folder/media.tar.gz"
    if [ -d "$MEDIA_ROOT" ]; then mv "$MEDIA_ROOT" "$old"; fi
    mv "$fresh" "$MEDIA_ROOT"
    rm -rf "$old"
    log "restored database and media from $folder"
}

case "${1:-}" in
    backup) backup ;;
    restore) restore "${2:-}" ;;
    list) backups_newest_first ;;
    *) die "usage: scripts/backup.sh backup | restore [FOLDER] | list" ;;
esac
