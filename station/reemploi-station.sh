#!/usr/bin/env bash
# Réemploi — poste d'effacement (issue #15 §4). See station/README.md.
#
# On a PC booted from the station's USB key: asks for the asset tag (scanned), collects the
# hardware inventory, wipes the disks with nwipe, then posts the inventory and the nwipe log to
# the API with the station's token. What cannot be sent (network down, server unavailable) waits
# in a queue on the key and is sent, in order, at the next attempt or the next boot.
#
#   reemploi-station.sh              one PC after another (asks for each asset tag)
#   reemploi-station.sh --tag TAG    one PC, without asking
#   reemploi-station.sh --new        one PC without a label: Réemploi registers it on the station's site
#   reemploi-station.sh --flush      only sends what waits in the queue (at boot)
#   reemploi-station.sh --inventory TAG   prints the inventory that would be sent (nothing else)
set -u

STATION_HOME=$(cd "$(dirname "$0")" && pwd)
# The tag of a PC that has no label yet: its inventory is sent without ?assetTag=, and Réemploi
# registers it on the station's site (or finds it by its serial number).
NEW_DEVICE=NOUVEAU
CONFIG_FILE=${REEMPLOI_STATION_CONFIG:-$STATION_HOME/station.conf}

# ---------------------------------------------------------------- configuration

load_config() {
  if [ ! -r "$CONFIG_FILE" ]; then
    say_error "Fichier de configuration introuvable : $CONFIG_FILE (voir station/README.md)."
    exit 2
  fi
  # shellcheck source=/dev/null
  . "$CONFIG_FILE"
  REEMPLOI_API_URL=${REEMPLOI_API_URL%/}
  NWIPE_METHOD=${NWIPE_METHOD:-dodshort}
  NWIPE_VERIFY=${NWIPE_VERIFY:-last}
  NWIPE_ROUNDS=${NWIPE_ROUNDS:-1}
  QUEUE_DIR=${QUEUE_DIR:-$STATION_HOME/queue}
  CURL_TIMEOUT=${CURL_TIMEOUT:-60}
  : "${REEMPLOI_API_URL:?REEMPLOI_API_URL manque dans $CONFIG_FILE}" "${REEMPLOI_STATION_TOKEN:?REEMPLOI_STATION_TOKEN manque dans $CONFIG_FILE}"
  mkdir -p "$QUEUE_DIR/refused"
}

say_ok() { printf '\033[1;32m✔ %s\033[0m\n' "$*"; }
say_error() { printf '\033[1;31m✖ %s\033[0m\n' "$*"; }
say() { printf '%s\n' "$*"; }

# ---------------------------------------------------------------- inventory

# The disk the station itself runs from (its USB key): never inventoried, never wiped.
station_disk() {
  local source
  source=$(df -P "$STATION_HOME" 2>/dev/null | awk 'NR == 2 { print $1 }')
  case $source in
    /dev/*) basename "$(readlink -f "/sys/class/block/$(basename "$source")/..")" 2>/dev/null ;;
    *) echo none ;;
  esac
}

# Batteries' full charge today, in mWh, from the kernel (dmidecode gives the design capacity only).
battery_capacities() {
  local dir values=()
  for dir in "${POWER_SUPPLY_DIR:-/sys/class/power_supply}"/BAT*; do
    [ -d "$dir" ] || continue
    if [ -r "$dir/energy_full" ]; then
      values+=("$(($(cat "$dir/energy_full") / 1000))")
    elif [ -r "$dir/charge_full" ] && [ -r "$dir/voltage_min_design" ]; then
      values+=("$(($(cat "$dir/charge_full") / 1000 * $(cat "$dir/voltage_min_design") / 1000000))")
    fi
  done
  printf '%s\n' "${values[@]}" | jq -R -s 'split("\n") | map(select(length > 0) | tonumber)'
}

# disk name → smartctl --json -i (identity, capacity, protocol); {} for a disk smartctl cannot read.
smart_of_disks() {
  local lsblk_json=$1 name answer all='{}'
  # fixed disks only: the removable USB key is neither inventoried nor wiped
  for name in $(jq -r '.blockdevices[]? | select(.type == "disk" and ((.rm | tostring) | IN("1", "true") | not)) | .name' <<<"$lsblk_json"); do
    answer=$(smartctl --json -i "/dev/$name" 2>/dev/null)
    jq -e 'type == "object"' >/dev/null 2>&1 <<<"$answer" || answer='{}'
    all=$(jq -c --arg name "$name" --argjson answer "$answer" '. + {($name): $answer}' <<<"$all")
  done
  printf '%s' "$all"
}

# Writes the GLPI inventory of this PC on stdout: the GLPI agent's own when it is installed,
# else one assembled from dmidecode, lsblk and smartctl (station/inventory.jq).
collect_inventory() {
  local tag=$1 lsblk_json
  if command -v glpi-inventory >/dev/null 2>&1; then
    glpi-inventory --json --tag="$tag" 2>/dev/null && return 0
  fi
  lsblk_json=$(lsblk -J -b -o NAME,TYPE,RM,SIZE,MODEL,SERIAL,TRAN,ROTA 2>/dev/null) || lsblk_json='{"blockdevices":[]}'
  dmidecode 2>/dev/null | jq -R -s \
    --argjson lsblk "$lsblk_json" \
    --argjson smart "$(smart_of_disks "$lsblk_json")" \
    --argjson batteries "$(battery_capacities)" \
    --arg tag "$tag" --arg now "$(date +%Y-%m-%d-%H-%M-%S)" --arg boot "${STATION_DISK:-$(station_disk)}" \
    -f "$STATION_HOME/inventory.jq"
}

# ---------------------------------------------------------------- wipe

# The disks nwipe wipes: those of the inventory, never the station's own key nor a removable
# disk (the GLPI agent's inventory lists them all).
disks_of_inventory() {
  local name own=${STATION_DISK:-$(station_disk)}
  for name in $(jq -r '.content.storages[]?.name | select(. != null) | sub("^/dev/"; "")' "$1"); do
    [ "$name" = "$own" ] && continue
    [ "$(cat "/sys/block/$name/removable" 2>/dev/null || echo 0)" = 1 ] && continue
    echo "/dev/$name"
  done
}

run_nwipe() {
  local inventory=$1 log=$2 disks
  mapfile -t disks < <(disks_of_inventory "$inventory")
  if [ ${#disks[@]} -eq 0 ]; then
    say_error "Aucun disque à effacer n'a été trouvé sur ce PC."
    return 1
  fi
  say "Effacement de ${disks[*]} (méthode $NWIPE_METHOD) : ne débranchez pas le PC."
  nwipe --autonuke --nogui --nowait --method="$NWIPE_METHOD" --verify="$NWIPE_VERIFY" --rounds="$NWIPE_ROUNDS" --logfile="$log" "${disks[@]}"
}

# ---------------------------------------------------------------- queue

# Queued files are named <sequence>-<tag>-<n>-<kind>: sorted by name, they are sent in the order
# they were made (the inventory of a PC before its nwipe log). The sequence is kept on the key,
# so it keeps growing across boots.
next_sequence() {
  local last=0
  [ -r "$QUEUE_DIR/.sequence" ] && last=$(cat "$QUEUE_DIR/.sequence")
  echo $((10#${last:-0} + 1)) >"$QUEUE_DIR/.sequence"
  printf '%08d' $((10#${last:-0} + 1))
}

# Copies a file into the queue (written whole, then renamed) and prints its queued name.
queue_file() {
  local source=$1 tag=$2 step=$3 name
  name="$(next_sequence)-$tag-$step"
  cp "$source" "$QUEUE_DIR/.$name.tmp" && mv "$QUEUE_DIR/.$name.tmp" "$QUEUE_DIR/$name"
  sync
  printf '%s' "$name"
}

pending_text() { if [ "$1" -gt 1 ]; then echo "$1 envois en file"; else echo "$1 envoi en file"; fi; }

queued_count() {
  find "$QUEUE_DIR" -maxdepth 1 -type f -name '[0-9]*' | wc -l
}

# Posts one queued file. Answers 0 when the API took it (2xx), 1 when it refused it for good
# (4xx: kept in refused/ with the API's answer), 2 when it could not be reached or asked to retry.
send_file() {
  local file=$1 name tag url type answer status
  name=$(basename "$file")
  tag=$(cut -d- -f2- <<<"$name" | sed -E 's/-[0-9]+-(inventory\.json|nwipe\.log)$//')
  case $name in
    *-"$NEW_DEVICE"-1-inventory.json) url="$REEMPLOI_API_URL/api/inventory" type=application/json ;;
    *-inventory.json) url="$REEMPLOI_API_URL/api/inventory?assetTag=$tag" type=application/json ;;
    *-nwipe.log) url="$REEMPLOI_API_URL/api/sanitizations/import" type=text/plain ;;
    *) return 1 ;;
  esac
  answer="$QUEUE_DIR/.answer"
  # the token goes through a file descriptor, not the command line other processes can read
  status=$(curl -sS -o "$answer" -w '%{http_code}' --max-time "$CURL_TIMEOUT" -X POST \
    -H @<(printf 'Authorization: Bearer %s\n' "$REEMPLOI_STATION_TOKEN") -H "Content-Type: $type" \
    --data-binary "@$file" "$url" 2>/dev/null) || status=000
  case $status in
    2??) cp "$answer" "$QUEUE_DIR/.last-answer-$name" 2>/dev/null; rm -f "$file"; return 0 ;;
    000 | 408 | 429 | 5??) return 2 ;;
    *) mv "$file" "$QUEUE_DIR/refused/$name" && cp "$answer" "$QUEUE_DIR/refused/$name.answer.json"; return 1 ;;
  esac
}

# Sends the queue in order; stops at the first file the network or the server could not take,
# so nothing is sent out of order. One sender at a time (a lock on the queue): a file is never
# sent twice at once. Answers 0 when the queue is empty afterwards.
flush_queue() {
  (
    flock -w "${1:-300}" 9 || exit 1
    local file
    # the API's answers are kept a week, for the result line and for a person to look at
    find "$QUEUE_DIR" -maxdepth 1 -name '.last-answer-*' -mtime +7 -delete 2>/dev/null
    for file in $(find "$QUEUE_DIR" -maxdepth 1 -type f -name '[0-9]*' -printf '%f\n' | sort); do
      send_file "$QUEUE_DIR/$file"
      [ $? -eq 2 ] && exit 1
    done
    exit 0
  ) 9>"$QUEUE_DIR/.lock"
}

# While the technician works, what waits in the queue is retried every RETRY_SECONDS.
retry_in_background() {
  local sleeper
  # stopped with the script: its pause too, so nothing of it outlives the script
  trap 'kill $sleeper 2>/dev/null; exit 0' TERM
  while true; do
    sleep "${RETRY_SECONDS:-60}" &
    sleeper=$!
    wait $sleeper
    [ "$(queued_count)" -gt 0 ] && flush_queue 0
  done
}

# ---------------------------------------------------------------- one PC

api_message() { jq -r '.error.message // empty' "$1" 2>/dev/null; }

# The French line a technician reads once a PC is done.
report_result() {
  local tag=$1 inventory_name=$2 log_name=$3 waiting answer
  waiting=$(queued_count)
  if [ "$tag" = "$NEW_DEVICE" ] && [ -r "$QUEUE_DIR/.last-answer-$inventory_name" ]; then
    tag=$(jq -r '.device.assetTag' "$QUEUE_DIR/.last-answer-$inventory_name")
    say "Nouvel appareil enregistré : $tag — imprimez son étiquette dans Réemploi."
  fi
  if [ -e "$QUEUE_DIR/$inventory_name" ] || [ -e "$QUEUE_DIR/$log_name" ]; then
    say_error "$tag : en attente, réseau indisponible — $(pending_text "$waiting") (renvoyés dès que le réseau revient, au plus tard au prochain démarrage)"
    return 1
  fi
  if [ -e "$QUEUE_DIR/refused/$inventory_name" ]; then
    say_error "$tag : inventaire refusé — $(api_message "$QUEUE_DIR/refused/$inventory_name.answer.json")"
    return 1
  fi
  if [ -e "$QUEUE_DIR/refused/$log_name" ]; then
    say_error "$tag : journal d'effacement refusé — $(api_message "$QUEUE_DIR/refused/$log_name.answer.json")"
    return 1
  fi
  answer="$QUEUE_DIR/.last-answer-$log_name"
  if jq -e --arg tag "$tag" '.devicesSanitized | index($tag)' "$answer" >/dev/null 2>&1; then
    say_ok "$tag : inventaire reçu, effacement certifié"
  elif jq -e --arg tag "$tag" '.devicesQuarantined | index($tag)' "$answer" >/dev/null 2>&1; then
    say_error "$tag : inventaire reçu, effacement en échec — appareil en quarantaine, voir le journal"
    return 1
  else
    say_error "$tag : inventaire reçu, effacement non certifié — à vérifier dans Réemploi"
    return 1
  fi
}

process_pc() {
  local tag=$1 work inventory log status=0 inventory_name log_name
  work=$(mktemp -d)
  inventory="$work/inventory.json" log="$work/nwipe.log"
  say "Inventaire de $tag…"
  if ! collect_inventory "$tag" >"$inventory" || ! jq -e .content "$inventory" >/dev/null 2>&1; then
    say_error "$tag : inventaire impossible (dmidecode, lsblk, smartctl et jq sont-ils sur la clé ?)"
    rm -rf "$work"
    return 1
  fi
  (cd "$work" && run_nwipe "$inventory" "$log") || status=$?
  if [ ! -s "$log" ]; then
    say_error "$tag : nwipe n'a écrit aucun journal (code $status) : rien n'est envoyé."
    rm -rf "$work"
    return 1
  fi
  inventory_name=$(queue_file "$inventory" "$tag" 1-inventory.json)
  log_name=$(queue_file "$log" "$tag" 2-nwipe.log)
  rm -rf "$work"
  flush_queue
  report_result "$tag" "$inventory_name" "$log_name"
}

ask_tag() {
  local tag
  printf "Scannez l'étiquette du PC (ou tapez-la, puis Entrée ; Entrée seule : PC sans étiquette) : " >&2
  read -r tag || return 1
  tag=$(tr '[:lower:]' '[:upper:]' <<<"$tag" | tr -cd 'A-Z0-9-')
  printf '%s' "$tag"
}

main() {
  case ${1:-} in
    --inventory) load_config; collect_inventory "${2:?étiquette attendue}"; return ;;
    --flush)
      load_config
      if flush_queue; then say_ok "File d'attente vide : tout est envoyé."; else say_error "Réseau indisponible — $(pending_text "$(queued_count)")."; return 1; fi
      return ;;
    --tag) load_config; flush_queue; process_pc "${2:?étiquette attendue}"; return ;;
    --new) load_config; flush_queue; process_pc "$NEW_DEVICE"; return ;;
  esac
  load_config
  flush_queue
  retry_in_background >/dev/null 2>&1 </dev/null &
  trap 'kill $! 2>/dev/null' EXIT
  while tag=$(ask_tag); do
    process_pc "${tag:-$NEW_DEVICE}"
    say "PC suivant : éteignez celui-ci, démarrez le suivant sur la clé, ou scannez une autre étiquette."
  done
}

main "$@"
