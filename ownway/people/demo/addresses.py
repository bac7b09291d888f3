"""Birmingham addresses for the demo city: postcode districts, the neighbourhoods in them, their streets.

The districts are Birmingham's own (B1 to B45 and Sutton Coldfield's B72 to B76; districts that lie
mostly in Sandwell, Solihull or Bromsgrove are left out). Each is placed in one of five areas, the
patches of the locality teams; the split follows the city's districts roughly, not any council map.
Street names are ones found in or near each district, but house numbers and postcodes are made up:
a postcode has the real format (the district, then a sector digit and two letters from the letters
Royal Mail uses) and passes :func:`ownway.people.rules.postcode.check_postcode`, but it is not
necessarily a delivered postcode, and no address here is anyone's home.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

NORTH = "North"
SOUTH = "South"
EAST = "East"
WEST = "West"
CENTRAL = "Central"
AREAS: tuple[str, ...] = (NORTH, SOUTH, EAST, WEST, CENTRAL)

#: Letters used in the inward part of a postcode (never C, I, K, M, O or V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class District:
    code: str
    area: str
    neighbourhoods: tuple[str, ...]
    streets: tuple[str, ...]
    #: Relative number of residents, for choosing where people live.
    weight: float
    town: str = "Birmingham"


def _d(code: str, area: str, neighbourhoods: str, streets: str, weight: float, town: str = "Birmingham") -> District:
    return District(
        code=code,
        area=area,
        neighbourhoods=tuple(n.strip() for n in neighbourhoods.split(",")),
        streets=tuple(s.strip() for s in streets.split(",")),
        weight=weight,
        town=town,
    )


DISTRICTS: tuple[District, ...] = (
    # Central
    _d("B1", CENTRAL, "City Centre, Brindleyplace", "Broad Street, Sheepcote Street, Grosvenor Street West, "
       "St Vincent Street, Holliday Street, Granville Street, Brindley Drive, King Edwards Road", 1.0),
    _d("B5", CENTRAL, "Highgate, Digbeth", "Bristol Street, Belgrave Middleway, Highgate Road, Hurst Street, "
       "Gooch Street, Bishop Street, Vaughton Street, Barford Street", 1.0),
    _d("B7", CENTRAL, "Nechells, Duddeston", "Nechells Park Road, Cromwell Street, Thimble Mill Lane, "
       "Eliot Street, Long Acre, Rupert Street, Bloomsbury Street, Vauxhall Road", 1.5),
    _d("B12", CENTRAL, "Balsall Heath, Sparkbrook", "Ladypool Road, Clifton Road, Mary Street, Edward Road, "
       "Taunton Road, Runcorn Road, Balsall Heath Road, Stoney Lane, Cheddar Road", 2.0),
    _d("B15", CENTRAL, "Edgbaston, Lee Bank", "Lee Bank Middleway, Calthorpe Road, Wheeleys Road, "
       "Pershore Road, Bristol Road, Princess Road, Belgrave Road, Speedwell Road", 1.5),
    # West
    _d("B16", WEST, "Ladywood, Edgbaston", "Ladywood Middleway, Monument Road, Ledsam Street, Hagley Road, "
       "Osler Street, Rotton Park Street, Reservoir Road, Icknield Port Road", 2.0),
    _d("B17", WEST, "Harborne", "Serpentine Road, War Lane, Lordswood Road, Gordon Road, Station Road, "
       "Court Oak Road, Wentworth Road, Metchley Lane, Greenfield Road", 2.0),
    _d("B18", WEST, "Winson Green, Hockley", "Winson Green Road, Dudley Road, Icknield Street, Lodge Road, "
       "Heath Street, Foundry Road, Preston Road, Norman Street", 2.0),
    _d("B19", WEST, "Lozells, Newtown", "Lozells Road, Wheeler Street, Burbury Street, Guildford Street, "
       "Gerrard Street, Villa Road, Finch Road, Berners Street", 2.0),
    _d("B20", WEST, "Handsworth Wood, Birchfield", "Wellington Road, Hamstead Road, Birchfield Road, "
       "Church Lane, Friary Road, Handsworth Wood Road, Oxhill Road, Heathfield Road", 2.5),
    _d("B21", WEST, "Handsworth", "Soho Road, Rookery Road, Holyhead Road, Grove Lane, Boulton Road, "
       "Antrobus Road, Albert Road, Murdock Road, Westminster Road", 2.5),
    _d("B32", WEST, "Quinton, Bartley Green", "Ridgacre Road, Quinton Road West, Hagley Road West, "
       "Simmons Drive, Genners Lane, Jiggins Lane, Adams Hill, Clapgate Lane", 2.5),
    # North
    _d("B6", NORTH, "Aston, Witton", "Witton Road, Lichfield Road, Park Road, Whitehead Road, Trinity Road, "
       "Victoria Road, Frederick Road, Aston Lane, Electric Avenue", 2.5),
    _d("B23", NORTH, "Erdington, Stockland Green", "Orphanage Road, Sutton Road, Marsh Hill, Short Heath Road, "
       "Court Lane, Goosemoor Lane, Wood End Road, Slade Road, Stockland Road", 3.0),
    _d("B24", NORTH, "Erdington, Tyburn", "Tyburn Road, Kingsbury Road, Gravelly Lane, Wheelwright Road, "
       "Holly Lane, Chester Road, Bromford Lane, Spring Lane", 2.5),
    _d("B35", NORTH, "Castle Vale", "Farnborough Road, Tangmere Drive, Hawkinge Drive, Cadbury Drive, "
       "Yatesbury Avenue, Reed Square, Park Lane", 1.5),
    _d("B42", NORTH, "Perry Barr, Great Barr", "Walsall Road, Aldridge Road, Old Walsall Road, Perry Avenue, "
       "Beeches Road, Thornbridge Avenue, Dyas Avenue, Wellhead Lane", 2.0),
    _d("B44", NORTH, "Kingstanding, Great Barr", "Kingstanding Road, Kettlehouse Road, Hawthorn Road, "
       "Dyas Road, Collingbourne Avenue, Warren Farm Road, Cooksey Lane, College Road", 3.0),
    _d("B72", NORTH, "Wylde Green", "Birmingham Road, Maney Hill Road, Wylde Green Road, Green Lanes, "
       "Penns Lane, Walmley Road", 1.5, "Sutton Coldfield"),
    _d("B73", NORTH, "Boldmere", "Boldmere Road, Jockey Road, Station Road, Chester Road North, "
       "Cremorne Road, Monmouth Drive", 1.5, "Sutton Coldfield"),
    _d("B74", NORTH, "Four Oaks, Streetly", "Four Oaks Road, Lichfield Road, Hill Village Road, "
       "Streetly Lane, Bridle Lane, Blackwood Road", 1.0, "Sutton Coldfield"),
    _d("B75", NORTH, "Mere Green, Falcon Lodge", "Mere Green Road, Rectory Road, Whitehouse Common Road, "
       "Tamworth Road, Ebrook Road, Coppice Lane", 1.5, "Sutton Coldfield"),
    _d("B76", NORTH, "Walmley, Minworth", "Walmley Ash Road, Eachelhurst Road, Reddicap Heath Road, "
       "Wishaw Lane, Fox Hill Road, Signal Hayes Road", 1.5, "Sutton Coldfield"),
    # East
    _d("B8", EAST, "Washwood Heath, Alum Rock, Ward End", "Washwood Heath Road, Alum Rock Road, Saltley Road, "
       "Bridge Road, Ward End Park Road, Sladefield Road, Drews Lane, Couchman Road", 3.0),
    _d("B9", EAST, "Bordesley Green", "Bordesley Green Road, Bordesley Green East, Cherrywood Road, "
       "Green Lane, Blake Lane, Belchers Lane, Garrison Lane, Tilton Road", 3.0),
    _d("B10", EAST, "Small Heath", "Coventry Road, Golden Hillock Road, Waverley Road, Oldknow Road, "
       "Charles Road, Somerville Road, Grange Road, Heybarnes Road", 3.0),
    _d("B11", EAST, "Sparkhill, Tyseley", "Stratford Road, Warwick Road, Durham Road, Showell Green Lane, "
       "Percy Road, Brunswick Road, Walford Road, Fulham Road, Formans Road", 3.5),
    _d("B25", EAST, "Yardley", "Church Road, Stoney Lane, Hob Moor Road, Yardley Road, Barrows Lane, "
       "Broadyates Road, Amington Road, Stuarts Road", 2.0),
    _d("B26", EAST, "Sheldon", "Coventry Road, Horrell Road, Sheldon Heath Road, Brays Road, Lyndon Road, "
       "Church Road, Wells Road, Gilbertstone Avenue", 2.0),
    _d("B27", EAST, "Acocks Green", "Warwick Road, Westley Road, Shirley Road, Fox Hollies Road, "
       "Sherbourne Road, Dudley Park Road, Oakwood Road, Alexander Road", 2.0),
    _d("B33", EAST, "Stechford, Kitts Green, Lea Hall", "Station Road, Flaxley Road, Kitts Green Road, "
       "Audley Road, Meadway, Lea Hall Road, Pool Way, Richmond Road", 2.5),
    _d("B34", EAST, "Shard End, Hodge Hill", "Shard End Crescent, Packington Avenue, Hodge Hill Road, "
       "Coleshill Road, Bucklands End Lane, Heathway, Brookmeadow Road", 2.0),
    _d("B36", EAST, "Hodge Hill, Bromford", "Bradford Road, Hodge Hill Common, Chipperfield Road, "
       "Bromford Drive, Firs Farm Drive, Cooks Lane", 1.5),
    # South
    _d("B13", SOUTH, "Moseley, Billesley", "Alcester Road, Wake Green Road, Yardley Wood Road, "
       "Woodbridge Road, Billesley Lane, Oxford Road, School Road, Trittiford Road", 2.5),
    _d("B14", SOUTH, "Kings Heath, Yardley Wood", "Vicarage Road, Alcester Road South, Brandwood Road, "
       "Addison Road, Institute Road, Druids Lane, High Street, Highfield Road", 3.0),
    _d("B28", SOUTH, "Hall Green", "Stratford Road, Robin Hood Lane, Baldwins Lane, Cole Bank Road, "
       "Shaftmoor Lane, Fox Hollies Road, Southam Road, Petersfield Road", 2.5),
    _d("B29", SOUTH, "Selly Oak, Weoley Castle", "Bristol Road, Raddlebarn Road, Weoley Castle Road, "
       "Gibbins Road, Exeter Road, Tiverton Road, Bournbrook Road, Alton Road", 3.0),
    _d("B30", SOUTH, "Stirchley, Bournville, Cotteridge", "Pershore Road, Linden Road, Mary Vale Road, "
       "Hazelwell Street, Bournville Lane, Lifford Lane, Middleton Hall Road, Watford Road", 2.5),
    _d("B31", SOUTH, "Northfield, Longbridge", "Bristol Road South, Church Road, Bell Lane, Lickey Road, "
       "Longbridge Lane, Turves Green, West Heath Road, Frankley Beeches Road", 3.5),
    _d("B38", SOUTH, "Kings Norton", "Pershore Road South, Redditch Road, Wychall Lane, Masshouse Lane, "
       "Westhill Road, Parsons Hill, Hawkesley Mill Lane", 2.0),
    _d("B45", SOUTH, "Rubery, Frankley", "New Road, Callowbrook Lane, Bristol Road South, Egghill Lane, "
       "Hollymoor Way, Deelands Road", 1.5),
)  # fmt: skip

DISTRICTS_BY_CODE: dict[str, District] = {d.code: d for d in DISTRICTS}

#: Names for care homes and supported housing, for people who live in one.
CARE_HOME_NAMES: tuple[str, ...] = (
    "Oakwood House", "The Laurels", "Cedar Lodge", "Beechcroft", "Willow Court", "Holly Bank",
    "Ashfield Lodge", "The Limes", "Elmhurst", "Rosemary House", "Greenacres", "Heathside",
    "Lime Tree Court", "Maple Lodge", "St Anne's House", "Chestnut Grange",
)  # fmt: skip
SUPPORTED_HOUSING_NAMES: tuple[str, ...] = (
    "Brook House", "Meadow View", "Orchard Court", "Canal Side", "Park View", "Foxglove Close",
    "Kingfisher Court", "Riverside House", "Bluebell Court", "Sycamore House",
)  # fmt: skip


def postcode_for(district: str, street: str, house_number: int) -> str:
    """A postcode in the real format for an address, the same for neighbouring houses on a street.

    Houses are grouped in blocks of 24 numbers, as a postcode covers about 15 to 20 delivery points;
    the inward code comes from a CRC of the district, street and block, so it never depends on the
    run or the machine.
    """
    block = house_number // 24
    digest = zlib.crc32(f"{district}|{street}|{block}".encode())
    sector = 1 + digest % 9
    first = INWARD_LETTERS[(digest // 9) % len(INWARD_LETTERS)]
    second = INWARD_LETTERS[(digest // 180) % len(INWARD_LETTERS)]
    return f"{district} {sector}{first}{second}"


def area_of(district: str) -> str:
    return DISTRICTS_BY_CODE[district].area
