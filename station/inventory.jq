# Assembles a GLPI agent inventory (github.com/glpi-project/inventory_format) from what a live
# system can read without the agent: dmidecode's text (input), lsblk -J and smartctl --json.
#
# Input: dmidecode's output, read raw (jq -R -s).
# Arguments: $lsblk (lsblk -J -b -o NAME,TYPE,RM,SIZE,MODEL,SERIAL,TRAN,ROTA), $smart (an object
# disk name → smartctl --json -i output), $batteries (sysfs capacities, mWh, by battery order),
# $tag (the asset tag scanned), $now (YYYY-MM-DD-HH-MM-SS), $boot (the station's own disk, skipped).

# dmidecode writes "not set" in many ways; hw-probe dumps anonymise serials as "--".
def known: if . == null then null
  elif test("^\\s*(--|Not Specified|Not Provided|To Be Filled By O\\.E\\.M\\.|Default string|None|Unknown|System Serial Number|System Product Name|System manufacturer|Chassis Serial Number|0+|N/A|Not Applicable|Other)?\\s*$"; "i") then null
  else sub("\\s+$"; "") end;

# "Handle 0x0001, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: Dell Inc.\n..."
# → {type: "System Information", fields: {Manufacturer: "Dell Inc.", ...}}
def dmi_sections:
  split("\n\n")
  | map(split("\n") | select(length > 1 and (.[0] | startswith("Handle ")))
        | { type: .[1],
            fields: ([.[2:][] | select(test("^\t[^\t]")) | capture("^\t(?<k>[^:]+):\\s?(?<v>.*)$") | {(.k): .v}] | add // {}) });

def first_of($sections; $type): [$sections[] | select(.type == $type) | .fields] | first // {};
def number_in: (. // "") | (capture("(?<n>[0-9]+)") | .n | tonumber) // null;

# "8 GB" / "8192 MB" / "No Module Installed" → megabytes, or null
def memory_mb: (. // "") | if test("^[0-9]+ GB") then (number_in * 1024)
  elif test("^[0-9]+ MB") then number_in
  else null end;

def boolish: . == true or . == "1" or . == 1;

def disk_type($disk; $info):
  if ($info.device.protocol // "") == "NVMe" or ($disk.name | startswith("nvme")) then "NVMe"
  elif ($info.rotation_rate // null) == 0 or ($disk.rota | tostring) == "false" or ($disk.rota | tostring) == "0" then "SSD"
  else "HDD" end;

def storage($disk; $info):
  {
    name: $disk.name,
    serial: (($info.serial_number // $disk.serial) | known),
    model: (($info.model_name // $info.scsi_model_name // $disk.model) | known),
    disksize: ((($info.user_capacity.bytes // $info.nvme_total_capacity // ($disk.size | tonumber? // null)) // null)
               | if . == null then null else (. / 1000000 | floor) end),
    interface: (if ($info.device.protocol // "") == "NVMe" then "NVMe" else (($disk.tran // "") | ascii_upcase | if . == "" then null else . end) end),
    type: disk_type($disk; $info)
  } | with_entries(select(.value != null));

. as $text
| ($text | dmi_sections) as $dmi
| first_of($dmi; "System Information") as $system
| first_of($dmi; "Chassis Information") as $chassis
| [$dmi[] | select(.type == "Processor Information") | .fields | select((.Status // "") | test("Populated"))] as $cpus
| [$dmi[] | select(.type == "Memory Device") | .fields | (.Size | memory_mb) as $mb | select($mb != null) | {capacity: $mb, type: (.Type | known), speed: (.Speed | number_in), caption: (.Locator | known)} | with_entries(select(.value != null))] as $memories
| [$dmi[] | select(.type == "Portable Battery") | .fields] as $dmi_batteries
| [$lsblk.blockdevices[]? | select(.type == "disk" and (.rm | boolish | not) and .name != $boot and (.name | test("^(loop|zram|ram|sr|fd)") | not))] as $disks
| {
    deviceid: "\($tag)-\($now)",
    itemtype: "Computer",
    action: "inventory",
    content: ({
      versionclient: "reemploi-station/1",
      bios: ({ ssn: ($system["Serial Number"] | known), smanufacturer: ($system.Manufacturer | known), smodel: ($system["Product Name"] | known) } | with_entries(select(.value != null))),
      hardware: ({ name: $tag, chassis_type: ($chassis.Type | known), memory: ([$memories[].capacity] | add) } | with_entries(select(.value != null))),
      cpus: [$cpus[] | { name: (.Version | known), manufacturer: (.Manufacturer | known), core: (.["Core Count"] | number_in), thread: (.["Thread Count"] | number_in), speed: (.["Max Speed"] | number_in) } | with_entries(select(.value != null))],
      memories: $memories,
      storages: [$disks[] | storage(.; ($smart[.name] // {}))],
      batteries: [$dmi_batteries | to_entries[] | .key as $i | .value
        | { name: (.Name | known), manufacturer: (.Manufacturer | known), serial: (.["Serial Number"] | known), chemistry: (.["SBDS Chemistry"] // .Chemistry | known),
            capacity: (.["Design Capacity"] | number_in), real_capacity: ($batteries[$i] // null) } | with_entries(select(.value != null))]
    } | with_entries(select(.value != {} and .value != [])))
  }
