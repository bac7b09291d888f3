"""Names and languages for a city like Birmingham, by the communities that live there.

The lists are made up for the demo: common given names and family names of each community, with the
older generation's names apart where they differ (a white British woman born in 1940 is more likely a
Margaret than a Chloe). Nothing here is anyone's real record.

Each CLD ethnicity code draws on one or more pools (:data:`ETHNICITY_POOLS`); each pool also says
which languages its older members may speak and how often someone needs an interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass

from ownway.core.names import fold_accents


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class NamePool:
    key: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    #: Given names for people born before 1960, where they differ from the younger generation's.
    male_older: tuple[str, ...] = ()
    female_older: tuple[str, ...] = ()
    #: Family names carried by women only (Begum, Khatun) and how often a woman has one.
    female_surnames: tuple[str, ...] = ()
    female_surname_share: float = 0.0
    #: Polish and similar family names change ending for women (Kowalski -> Kowalska).
    gendered_surnames: bool = False
    #: Languages other than English spoken in the community, with weights.
    languages: tuple[tuple[str, int], ...] = ()
    #: Share needing a spoken-language interpreter: (under 50, 50 to 64, 65 and over).
    interpreter_share: tuple[float, float, float] = (0.0, 0.0, 0.0)
    #: Share of younger people (under 50) given an English name instead (common in some communities).
    english_given_name_share: float = 0.0

    def given_names(self, *, female: bool, born_before_1960: bool) -> tuple[str, ...]:
        if female:
            return self.female_older if born_before_1960 and self.female_older else self.female
        return self.male_older if born_before_1960 and self.male_older else self.male


ENGLISH = NamePool(
    key="english",
    male_older=_words(
        "John David Michael Peter Robert William Brian Alan Kenneth Roy Derek Dennis Ronald Keith Barry Colin "
        "Geoffrey Malcolm Terence Anthony Raymond Leslie Frank George Arthur Stanley Harold Albert Norman "
        "Trevor Graham Roger Gordon Clive Frederick Eric Bernard Donald Walter Cyril"
    ),
    female_older=_words(
        "Margaret Patricia Jean Joan Doris Dorothy Barbara Sheila Brenda Maureen Irene Eileen Sylvia Joyce "
        "Pauline Valerie Christine Susan Janet Kathleen Elizabeth Mary Betty Audrey Beryl June Hilda Edna "
        "Marjorie Gladys Iris Shirley Ann Sandra Jennifer Rita Vera Mavis Elsie Pamela"
    ),
    male=_words(
        "James Daniel Thomas Matthew Christopher Andrew Mark Paul Richard Stephen Lee Craig Jamie Ryan Liam "
        "Jack Callum Luke Adam Scott Dean Gary Darren Wayne Nathan Kieran Jordan Connor Joshua Ben Samuel "
        "Oliver Harry Charlie Alexander Jake Lewis Aaron Simon Neil"
    ),
    female=_words(
        "Sarah Emma Laura Rebecca Claire Nicola Lisa Karen Michelle Kelly Amy Hannah Jessica Gemma Stacey "
        "Leanne Jodie Natalie Charlotte Lauren Chloe Sophie Megan Holly Katie Louise Joanne Donna Tracey "
        "Julie Helen Rachel Victoria Zoe Amber Kirsty Danielle Jade Alison Samantha"
    ),
    surnames=_words(
        "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson "
        "Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood Turner Martin Cooper "
        "Hill Ward Morris Moore Clark King Baker Harrison Morgan Allen James Scott Phillips Watson Davis "
        "Parker Price Bennett Young Griffiths Mitchell Cook Carter Richardson Bailey Collins Bell Shaw "
        "Miller Cox Richards Marshall Simpson Ellis Adams Wilkinson Foster Chapman Mason Webb Rogers Holmes "
        "Lloyd Powell Pritchard Bird Hodgson Bayliss Rowley Jukes Bissell Tonks Cartwright Hadley "
        "Whitehouse Pountney Hickman Homer Nock Parkes Careless Beddows Dudley Haywood Perks"
    ),
)

IRISH = NamePool(
    key="irish",
    male=_words(
        "Patrick Michael John Sean Thomas Joseph Francis Brendan Kevin Declan Dermot Liam Eamon Gerard Martin "
        "Desmond Noel Kieran Conor Niall Ciaran Padraig"
    ),
    female=_words(
        "Mary Bridget Kathleen Margaret Theresa Eileen Nora Maureen Siobhan Anne Catherine Philomena Sheila "
        "Roisin Colette Deirdre Josephine Aoife Niamh Ciara Sinead Orla"
    ),
    surnames=_words(
        "Murphy Kelly O'Brien Byrne Ryan O'Connor O'Sullivan Walsh McCarthy Doyle Gallagher O'Neill Kennedy "
        "Lynch Murray Quinn McLoughlin Brennan Flynn Reilly Donnelly Fitzgerald Keane Hogan Duffy Carroll "
        "Nolan Connolly Mulligan Flanagan Cassidy Devlin"
    ),
)

TRAVELLER = NamePool(
    key="traveller",
    male=_words("John Patrick Michael Thomas Martin James Joseph Christopher Edward Bernard Francis Willie"),
    female=_words("Mary Bridget Margaret Kathleen Nora Ellen Anne Winnie Julia Teresa Helen Josie"),
    surnames=_words("Ward McDonagh Connors Joyce Delaney Maughan Stokes Reilly Lee Price Smith Boswell Doran"),
)

POLISH = NamePool(
    key="polish",
    male=_words(
        "Piotr Krzysztof Andrzej Tomasz Paweł Marek Michał Jan Grzegorz Łukasz Adam Marcin Zbigniew Jerzy "
        "Tadeusz Kazimierz Stanisław Wojciech Mateusz Dariusz"
    ),
    female=_words(
        "Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Joanna Magdalena Monika "
        "Zofia Danuta Irena Halina Aleksandra Beata Dorota Jadwiga"
    ),
    surnames=_words(
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak "
        "Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski "
        "Michalski Wieczorek Jabłoński Król Zając Wróbel"
    ),
    gendered_surnames=True,
    languages=(("Polish", 1),),
    interpreter_share=(0.08, 0.18, 0.35),
)

ROMANIAN = NamePool(
    key="romanian",
    male=_words("Ion Gheorghe Vasile Constantin Mihai Andrei Alexandru Florin Adrian Nicolae Ionuț Marius Cristian"),
    female=_words("Maria Elena Ioana Ana Mihaela Andreea Gabriela Cristina Florentina Daniela Georgiana Alina"),
    surnames=_words(
        "Popescu Ionescu Popa Stan Dumitru Constantin Stoica Gheorghe Munteanu Rusu Lungu Matei Ciobanu "
        "Moldovan Radu Tudor"
    ),
    languages=(("Romanian", 1),),
    interpreter_share=(0.10, 0.25, 0.40),
)

ROMA = NamePool(
    key="roma",
    male=_words("Ján Milan Jozef Stefan Marian Ladislav Pavol Rudolf Florin Costel Dorel Nicu"),
    female=_words("Maria Helena Monika Renata Margita Zuzana Vanda Florica Mirela Lenuța Daniela Iveta"),
    surnames=_words("Horváth Baláž Lakatoš Oláh Kováč Daniel Ferenc Rostas Duna Stoica Tanase Lingurar"),
    languages=(("Slovak", 2), ("Romani", 2), ("Romanian", 1), ("Czech", 1)),
    interpreter_share=(0.15, 0.30, 0.45),
)

SOUTHERN_EUROPEAN = NamePool(
    key="southern_european",
    male=_words("Giuseppe Antonio João Manuel Giovanni Francesco Georgios Luigi Carlos Salvatore Andreas José"),
    female=_words("Maria Giuseppina Ana Rosa Francesca Antonella Elena Lucia Carmela Fernanda Eleni Sofia"),
    surnames=_words(
        "Rossi Russo Ferrari Esposito Bianchi Romano Silva Santos Ferreira Costa Pereira Papadopoulos "
        "Georgiou Christodoulou Rodrigues"
    ),
    languages=(("Italian", 2), ("Portuguese", 2), ("Greek", 1)),
    interpreter_share=(0.03, 0.08, 0.25),
)

SIKH_PUNJABI = NamePool(
    key="sikh_punjabi",
    male=_words(
        "Gurdeep Harjit Jaswinder Kuldip Manjit Balwinder Sukhwinder Amarjit Paramjit Gurpreet Harpreet "
        "Rajinder Satnam Baldev Jagdish Mohinder Tarsem Ranjit Gurjit Jaspal"
    ),
    female=_words(
        "Harjinder Surinder Balbir Parminder Rajwinder Sukhjit Kulwant Manjeet Jasbir Amandeep Simran Navdeep "
        "Kiran Jaspreet Gurmeet Harbans Kulvinder Manpreet"
    ),
    surnames=_words(
        "Singh Sandhu Gill Dhillon Sidhu Bains Johal Atwal Sahota Bassi Virdee Kang Grewal Sohal Rai "
        "Dhaliwal Bhogal Sangha"
    ),
    female_surnames=("Kaur",),
    female_surname_share=0.45,
    languages=(("Punjabi", 1),),
    interpreter_share=(0.03, 0.12, 0.35),
)

HINDU_INDIAN = NamePool(
    key="hindu_indian",
    male=_words(
        "Rajesh Sanjay Vijay Anil Ramesh Suresh Dinesh Mahesh Ashok Pravin Arjun Rohan Vikram Amit Nikhil "
        "Bharat Kishore Hitesh Naresh Deepak"
    ),
    female=_words(
        "Priya Anita Sunita Geeta Meena Kavita Asha Nisha Pooja Rekha Usha Shanti Savita Hansa Bhavna "
        "Jyoti Neha Shilpa Kamla Lata"
    ),
    surnames=_words(
        "Patel Sharma Kumar Mistry Chauhan Parmar Joshi Shah Verma Gupta Lal Mehta Rana Bhatt Solanki Desai "
        "Chopra Kapoor Mahey"
    ),
    languages=(("Gujarati", 3), ("Hindi", 2), ("Punjabi", 2)),
    interpreter_share=(0.02, 0.10, 0.30),
)

PAKISTANI = NamePool(
    key="pakistani",
    male=_words(
        "Mohammed Muhammad Abdul Imran Tariq Khalid Asif Zahid Arshad Shahid Nadeem Waseem Amjad Javed "
        "Rashid Faisal Naveed Adnan Usman Bilal Hamza Ali Ibrahim Yasir Sajid Zubair Mahmood Ghulam Nazir "
        "Bashir Mushtaq Zafar"
    ),
    female=_words(
        "Fatima Ayesha Nasreen Shazia Rubina Naseem Parveen Shabana Samina Yasmin Zainab Maryam Sana Amina "
        "Bushra Nazia Razia Saima Hina Aisha Rukhsana Kauser Zarina Safia Tahira Shamim Ghazala"
    ),
    surnames=_words(
        "Khan Hussain Ahmed Ali Akhtar Iqbal Mahmood Shah Rashid Aslam Bashir Butt Mirza Malik Raja Qureshi "
        "Chaudhry Anwar Sadiq Rehman Yousaf Hanif Zaman Saddique Nawaz Latif Riaz Javed"
    ),
    female_surnames=_words("Bibi Begum Akhtar Kausar"),
    female_surname_share=0.25,
    languages=(("Urdu", 5), ("Punjabi", 4), ("Pahari-Pothwari (Mirpuri)", 3)),
    interpreter_share=(0.03, 0.15, 0.40),
)

BANGLADESHI = NamePool(
    key="bangladeshi",
    male=_words(
        "Abdul Mohammed Shahid Jamal Anwar Abul Mizanur Rafiq Shafiq Habibur Ataur Kamal Nurul Sirajul Monir "
        "Shahin Rahim Jahangir Tanvir Rubel Faruk Shamsul"
    ),
    female=_words(
        "Rokeya Shahana Jahanara Nazma Rahima Hasina Salma Momtaz Shirin Halima Rumana Taslima Farida Sultana "
        "Ruby Shamima Nasima Rabia Jesmin Sabina Amena"
    ),
    surnames=_words("Miah Uddin Rahman Islam Ahmed Hoque Choudhury Hussain Ali Alom Karim Haque Sarkar Khan Ullah"),
    female_surnames=_words("Begum Khatun Bibi"),
    female_surname_share=0.55,
    languages=(("Bengali (Sylheti)", 3), ("Bengali", 1)),
    interpreter_share=(0.04, 0.20, 0.50),
)

CHINESE = NamePool(
    key="chinese",
    male=_words("Wei Ming Jun Kwok Wing Chi Man Hong Kin Tak Kai Hao Jian Lok"),
    female=_words("Mei Lin Ying Lai Siu Yuk Fung Xiu Hui Yan Wai Ling Jing Pui"),
    surnames=_words("Chan Wong Li Lee Cheung Lam Liu Chen Ng Zhang Wang Ho Yeung Tang Leung Chow Lau Yip Tsang"),
    languages=(("Cantonese", 3), ("Mandarin", 2), ("Hakka", 1)),
    interpreter_share=(0.05, 0.25, 0.55),
    english_given_name_share=0.4,
)

TAMIL = NamePool(
    key="tamil",
    male=_words("Sivakumar Rajendran Kumaran Tharshan Ganesh Murugan Suthan Thayalan Jeyakumar Prakash"),
    female=_words("Vasanthi Shanthi Kalaivani Tharshini Sujatha Malathi Nirmala Kalpana Thulasi Revathi"),
    surnames=_words("Sivarajah Navaratnam Selvarajah Ponnambalam Thurairajah Kanagaratnam Balasingham Yogarajah"),
    languages=(("Tamil", 1),),
    interpreter_share=(0.05, 0.20, 0.45),
)

NEPALI = NamePool(
    key="nepali",
    male=_words("Bishnu Dil Prem Kamal Hari Ram Bhim Khem Tek Yam"),
    female=_words("Sita Gita Laxmi Sunita Kamala Radha Maya Durga Sarita Bimala"),
    surnames=_words("Gurung Rai Limbu Thapa Magar Tamang Shrestha Pun Ghale"),
    languages=(("Nepali", 1),),
    interpreter_share=(0.05, 0.25, 0.60),
)

AFGHAN = NamePool(
    key="afghan",
    male=_words("Ahmad Farid Habib Mohammad Nasir Rahim Wahid Zabi Shafiq Jawad"),
    female=_words("Parwana Zahra Shabnam Farzana Mariam Nadia Sakina Fariba Hamida Zarghona"),
    surnames=_words("Ahmadzai Popal Noori Rahimi Sultani Hashimi Karimi Stanikzai Safi"),
    languages=(("Dari", 2), ("Pashto", 2)),
    interpreter_share=(0.20, 0.40, 0.65),
)

FILIPINO = NamePool(
    key="filipino",
    male=_words("Jose Mark Rodel Jun Ramon Arnel Edwin Reynaldo Joel Marlon"),
    female=_words("Maricel Rowena Jocelyn Marites Rosalie Analyn Cherry Lorna Evangeline Grace"),
    surnames=_words("Santos Reyes Cruz Bautista Garcia Mendoza Villanueva Dizon Ramos Aquino"),
    languages=(("Tagalog", 1),),
    interpreter_share=(0.0, 0.03, 0.10),
)

VIETNAMESE = NamePool(
    key="vietnamese",
    male=_words("Minh Tuan Hung Dung Thanh Quang Long Hai Son Duc"),
    female=_words("Lan Huong Thu Hoa Mai Linh Trang Ngoc Hanh Phuong"),
    surnames=_words("Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do"),
    languages=(("Vietnamese", 1),),
    interpreter_share=(0.10, 0.35, 0.60),
)

CARIBBEAN = NamePool(
    key="caribbean",
    male_older=_words(
        "Winston Delroy Everton Lloyd Clifton Errol Neville Clive Leroy Desmond Carlton Rupert Linford Vernon "
        "Cecil Alvin Fitzroy Hopeton Roy Trevor Uriah Byron"
    ),
    female_older=_words(
        "Gloria Hyacinth Merle Pearline Icilda Beverley Marcia Claudette Pauline Joyce Myrtle Enid Sonia "
        "Veronica Norma Doreen Lorna Cynthia Daphne Yvonne Gwendoline Hortense"
    ),
    male=_words(
        "Jermaine Marlon Tyrone Dwayne Andre Kemar Leon Kyle Jerome Ricardo Omari Tyrese Nathaniel Jordan "
        "Marcus Darnell Curtis Devon Wesley"
    ),
    female=_words(
        "Shanice Tanisha Keisha Aaliyah Chantelle Jade Kayla Monique Tiana Simone Natasha Danielle Sasha "
        "Latoya Charmaine Sharon Nadine Carla"
    ),
    surnames=_words(
        "Campbell Brown Williams Francis Thompson Clarke Grant Reid Morgan Bennett Henry Lewis Johnson Gordon "
        "Gayle McKenzie Spencer Walters Powell Edwards Samuels Forbes Hinds Rowe Stewart Facey Bailey Daley "
        "Barrett Ellis Anderson Wynter"
    ),
)

WEST_AFRICAN = NamePool(
    key="west_african",
    male=_words(
        "Oluwaseun Chinedu Emeka Adebayo Kwame Kofi Kwabena Tunde Femi Ikenna Obinna Yaw Samuel Emmanuel "
        "Daniel Joseph Chukwuma Babatunde Kojo"
    ),
    female=_words(
        "Ngozi Chioma Adaeze Funmilayo Abena Akosua Ama Folake Yetunde Blessing Grace Esther Comfort Patience "
        "Mercy Adwoa Bukola Nneka"
    ),
    surnames=_words(
        "Okafor Adeyemi Okonkwo Mensah Boateng Asante Owusu Adebayo Nwosu Eze Ogunleye Afolabi Appiah Osei "
        "Okoro Oyelaran Agyeman Danquah Olawale"
    ),
    languages=(("Yoruba", 2), ("Twi", 2), ("Igbo", 1)),
    interpreter_share=(0.0, 0.02, 0.08),
)

SOMALI = NamePool(
    key="somali",
    male=_words("Abdi Abdullahi Mohamed Ahmed Hassan Yusuf Omar Ismail Abdirahman Mahad Farah Hussein Liban"),
    female=_words("Hodan Faadumo Amina Halima Sahra Khadra Ayan Ifrah Hawa Deeqa Asha Nimco Sagal"),
    surnames=_words("Mohamed Ali Hassan Abdi Farah Hussein Osman Warsame Jama Nur Egal Aden Ibrahim Yusuf"),
    languages=(("Somali", 1),),
    interpreter_share=(0.08, 0.30, 0.60),
)

SOUTHERN_AFRICAN = NamePool(
    key="southern_african",
    male=_words("Tendai Tatenda Farai Tinashe Blessing Takudzwa Simba Tafadzwa Kudakwashe Innocent"),
    female=_words("Rutendo Chipo Nyasha Tsitsi Ruvimbo Fadzai Tariro Memory Precious Chiedza"),
    surnames=_words("Moyo Ncube Dube Sibanda Nyathi Chikwanha Mutasa Mhlanga Ndlovu Chivasa"),
    languages=(("Shona", 2), ("Ndebele", 1)),
    interpreter_share=(0.0, 0.02, 0.10),
)

ERITREAN = NamePool(
    key="eritrean",
    male=_words("Tesfay Yonas Berhane Habte Dawit Samuel Mebrahtu Tekle Goitom Filmon"),
    female=_words("Selam Helen Senait Tsega Mebrat Luwam Ruth Saba Yordanos Hiwet"),
    surnames=_words("Tesfamariam Ghebremedhin Haile Kidane Tekle Berhe Gebremichael Woldu Asfaha"),
    languages=(("Tigrinya", 1),),
    interpreter_share=(0.15, 0.40, 0.65),
)

ARAB = NamePool(
    key="arab",
    male=_words("Ahmed Mohammed Ali Abdullah Saleh Nasser Khaled Omar Fadhl Hamood Saeed Yahya Mansoor Tariq"),
    female=_words("Fatima Aisha Khadija Mariam Amal Huda Noor Layla Samira Rania Sumaya Hana Zahra"),
    surnames=_words(
        "Al-Saidi Al-Hakimi Saleh Nasser Al-Amri Ahmed Mansour Haidar Al-Sharabi Qasim Obaid Hamid Al-Yafai"
    ),
    languages=(("Arabic", 1),),
    interpreter_share=(0.08, 0.30, 0.55),
)

KURDISH_IRANIAN = NamePool(
    key="kurdish_iranian",
    male=_words("Reza Ali Hossein Dara Karwan Hiwa Saman Amir Behrouz Kamal"),
    female=_words("Maryam Leila Shirin Nasrin Soma Zhila Parisa Roya Shahla Nazanin"),
    surnames=_words("Ahmadi Hosseini Karimi Rahimi Rostami Mohammadi Abdullah Rasul Sharifi Azizi"),
    languages=(("Farsi", 2), ("Kurdish (Sorani)", 2)),
    interpreter_share=(0.10, 0.35, 0.60),
)

LATIN_AMERICAN = NamePool(
    key="latin_american",
    male=_words("Carlos Luis Jorge Juan Alejandro Diego Andrés Fernando"),
    female=_words("Ana Carolina Lucía Gabriela Valentina Camila Patricia Marisol"),
    surnames=_words("García Rodríguez López Martínez González Pérez Sánchez Ramírez Torres"),
    languages=(("Spanish", 1), ("Portuguese", 1)),
    interpreter_share=(0.05, 0.20, 0.45),
)

POOLS: dict[str, NamePool] = {
    pool.key: pool
    for pool in (
        ENGLISH, IRISH, TRAVELLER, POLISH, ROMANIAN, ROMA, SOUTHERN_EUROPEAN, SIKH_PUNJABI, HINDU_INDIAN,
        PAKISTANI, BANGLADESHI, CHINESE, TAMIL, NEPALI, AFGHAN, FILIPINO, VIETNAMESE, CARIBBEAN,
        WEST_AFRICAN, SOMALI, SOUTHERN_AFRICAN, ERITREAN, ARAB, KURDISH_IRANIAN, LATIN_AMERICAN,
    )
}  # fmt: skip

#: Ethnicity code -> the name pools its people draw on, with weights. For the mixed codes the given
#: name and the family name are drawn from the pools independently, as in mixed families.
ETHNICITY_POOLS: dict[str, tuple[tuple[str, int], ...]] = {
    "white_british": (("english", 1),),
    "white_irish": (("irish", 1),),
    "white_gypsy_traveller": (("traveller", 1),),
    "white_roma": (("roma", 1),),
    "white_other": (("polish", 5), ("romanian", 3), ("southern_european", 2)),
    "mixed_white_black_caribbean": (("english", 1), ("caribbean", 1)),
    "mixed_white_black_african": (("english", 1), ("west_african", 1)),
    "mixed_white_asian": (("english", 1), ("pakistani", 1), ("hindu_indian", 1)),
    "mixed_other": (("english", 2), ("caribbean", 1), ("arab", 1), ("chinese", 1)),
    "asian_indian": (("sikh_punjabi", 1), ("hindu_indian", 1)),
    "asian_pakistani": (("pakistani", 1),),
    "asian_bangladeshi": (("bangladeshi", 1),),
    "asian_chinese": (("chinese", 1),),
    "asian_other": (("tamil", 3), ("nepali", 2), ("afghan", 3), ("filipino", 1), ("vietnamese", 2)),
    "black_african": (("west_african", 4), ("somali", 4), ("southern_african", 2), ("eritrean", 1)),
    "black_caribbean": (("caribbean", 1),),
    "black_other": (("caribbean", 2), ("west_african", 1), ("english", 1)),
    "other_arab": (("arab", 1),),
    "other_any": (("kurdish_iranian", 3), ("latin_american", 1), ("filipino", 1)),
    "refused": (("english", 3), ("pakistani", 1), ("caribbean", 1), ("irish", 1)),
    "not_known": (("english", 3), ("pakistani", 1), ("caribbean", 1), ("polish", 1)),
}

MIXED_CODES = frozenset(code for code in ETHNICITY_POOLS if code.startswith("mixed_"))

#: The 21 CLD ethnicity codes within each of the strategy's groups, with weights (illustrative, leaning
#: on Birmingham's communities). Black older adults are mostly of the Windrush generation (Caribbean);
#: younger Black adults more often African. Two sets: (under 65, 65 and over).
ETHNICITY_WITHIN_GROUP: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "White UK": ({"white_british": 1}, {"white_british": 1}),
    "White other": (
        {"white_irish": 25, "white_gypsy_traveller": 4, "white_roma": 6, "white_other": 65},
        {"white_irish": 60, "white_gypsy_traveller": 3, "white_roma": 2, "white_other": 35},
    ),
    "Mixed": (
        {"mixed_white_black_caribbean": 50, "mixed_white_black_african": 10, "mixed_white_asian": 25,
         "mixed_other": 15},
        {"mixed_white_black_caribbean": 55, "mixed_white_black_african": 5, "mixed_white_asian": 25,
         "mixed_other": 15},
    ),
    "Asian": (
        {"asian_pakistani": 52, "asian_indian": 18, "asian_bangladeshi": 14, "asian_chinese": 3,
         "asian_other": 13},
        {"asian_pakistani": 45, "asian_indian": 30, "asian_bangladeshi": 12, "asian_chinese": 5,
         "asian_other": 8},
    ),
    "Black": (
        {"black_caribbean": 40, "black_african": 48, "black_other": 12},
        {"black_caribbean": 78, "black_african": 14, "black_other": 8},
    ),
    "Other or not known": (
        {"other_arab": 20, "other_any": 30, "refused": 10, "not_known": 40},
        {"other_arab": 15, "other_any": 20, "refused": 15, "not_known": 50},
    ),
}  # fmt: skip

#: Rough shares of Birmingham's adult population by ethnicity (after the 2021 Census), used only for
#: the names of staff and of friends and neighbours who care. Not a calibration target.
CITY_ETHNICITY: dict[str, int] = {
    "white_british": 460, "white_irish": 18, "white_gypsy_traveller": 2, "white_roma": 4, "white_other": 40,
    "mixed_white_black_caribbean": 20, "mixed_white_black_african": 4, "mixed_white_asian": 10,
    "mixed_other": 8, "asian_indian": 58, "asian_pakistani": 160, "asian_bangladeshi": 38,
    "asian_chinese": 8, "asian_other": 30, "black_african": 55, "black_caribbean": 40, "black_other": 12,
    "other_arab": 14, "other_any": 25, "refused": 2, "not_known": 2,
}  # fmt: skip

TITLES_MALE = ("Mr",)
TITLES_FEMALE_MARRIED = ("Mrs", "Ms")
TITLES_FEMALE_SINGLE = ("Ms", "Miss")


def ascii_fold(text: str) -> str:
    """Letters only from A to Z, for user names and email addresses ("Łukasz Wiśniewski" -> "Lukasz Wisniewski")."""
    return fold_accents(text).encode("ascii", "ignore").decode("ascii")


def feminine_surname(surname: str) -> str:
    """The form a Polish family name takes for a woman (Kowalski -> Kowalska, Nowak stays Nowak)."""
    for ending, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if surname.endswith(ending):
            return surname[: -len(ending)] + feminine
    return surname
