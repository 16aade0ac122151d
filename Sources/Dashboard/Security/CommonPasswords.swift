/// The passwords attackers try first: the most common entries of public breach lists and their
/// usual stems, lower-cased. ``PasswordPolicy`` also refuses these with digits or symbols around them
/// (`Password123!`) and typed twice (`qwertyqwerty`).
enum CommonPasswords {
    /// Whether `lowered` (already lower-cased) is on the list.
    static func contains(_ lowered: String) -> Bool { list.contains(lowered) }

    static let list: Set<String> = [
        "000000", "0000000000", "0123456789", "0987654321", "111111", "1111111111", "112233", "11223344", "121212",
        "123123", "123321", "123456", "1234567", "12345678", "123456789", "1234567890", "12345678910", "1234qwer",
        "123654", "147258369", "147852369", "159753", "1q2w3e", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx",
        "1qaz2wsx3edc", "1qazxsw2", "654321", "666666", "696969", "7777777", "789456", "789456123", "888888",
        "987654321", "a1b2c3", "a1b2c3d4", "aaaaaa", "abc123", "abcd1234", "abcdef", "abcdefg", "abcdefgh",
        "abcdefghi", "abcdefghij", "access", "access14", "accessgranted", "admin", "admin123", "admin1234",
        "administrator", "amanda", "america", "andrew", "android", "angel", "angel1", "angels", "anthony", "anything",
        "apple", "apple123", "arsenal", "asd123", "asdfasdf", "asdfgh", "asdfghjkl", "asdfqwer", "ashley", "austin",
        "autumn", "azerty", "baby", "babygirl", "bailey", "banana", "barcelona", "baseball", "baseball1",
        "basketball", "batman", "batman123", "berlin", "bitcoin", "blessed", "boston", "business", "buster",
        "butterfly", "canada", "champion", "changeit", "changeme", "changeme1", "charlie", "charlie1", "cheese",
        "chelsea", "chicago", "chocolate", "christ", "coffee", "company", "computer", "computer1", "contraseña",
        "cookie", "corvette", "cowboy", "cowboys", "crypto", "crystal", "daisy", "dallas", "daniel", "daniela",
        "default", "demo", "denver", "diamond", "dollar", "dragon", "dragon123", "eagles", "email", "emails",
        "emerald", "everything", "example", "facebook", "facebook1", "faith", "family", "father", "ferrari", "flower",
        "football", "football1", "forever", "fortnite", "freedom", "freedom1", "friend", "friends", "frodo",
        "gandalf", "ginger", "gmail", "god", "golden", "goodbye", "google", "google123", "guest", "harley", "heaven",
        "hello", "hello123", "hellohello", "helloworld", "hero", "hockey", "hogwarts", "hotmail", "hottie", "houston",
        "hunter", "hunter2", "iloveu", "iloveyou", "iloveyou1", "iloveyou123", "inbox", "internet", "internet1",
        "iphone", "jennifer", "jessica", "jesus", "jordan", "jordan23", "joshua", "juventus", "killer", "killer1",
        "lakers", "legend", "letmein", "letmein1", "letmein123", "linkedin", "linux", "liverpool", "login", "london",
        "london1", "love", "lovely", "loveme", "lover", "loveyou", "lucky", "madrid", "maggie", "mailbox",
        "manchester", "mario", "master", "master123", "matrix", "matthew", "mcpemail", "mcpemails", "melissa",
        "merlin", "mexico", "michael", "michael1", "michelle", "microsoft", "minecraft", "molly", "money", "monkey",
        "monkey123", "motdepasse", "mother", "mustang", "mypassword", "naruto", "ncc1701", "neo", "network",
        "newpassword", "newyork", "nicole", "nobody", "nothing", "office", "oldpassword", "orange", "outlook",
        "p@ssw0rd", "p@ssword", "pa$$word", "pa55word", "paris", "passw0rd", "passw0rd1", "password", "password1",
        "password12", "password123", "password1234", "passwort", "peanut", "pearl", "pepper", "phoenix", "pikachu",
        "please", "pokemon", "porsche", "potter", "princess", "princess1", "private", "purple", "q1w2e3r4",
        "q1w2e3r4t5", "qazwsx", "qazwsxedc", "qwe123", "qweasd", "qweasdzxc", "qwer1234", "qwerty", "qwerty1",
        "qwerty12", "qwerty123", "qwerty1234", "qwertyqwerty", "qwertyuiop", "qwertz", "rainbow", "realmadrid",
        "robert", "roblox", "rockstar", "root", "root123", "ruby", "salasana", "sample", "samsung", "sapphire",
        "seattle", "secret", "secure", "security", "senha", "server", "sex", "sexy", "shadow", "shadow123", "silver",
        "soccer", "somebody", "something", "spiderman", "spring", "starwars", "starwars1", "steelers", "success",
        "summer", "sunshine", "sunshine1", "superman", "superman1", "superman123", "superstar", "system", "temp",
        "temporary", "test", "test123", "tester", "testing", "thankyou", "thepassword", "thomas", "tigger",
        "together", "tokyo", "toor", "trinity", "trustno1", "trustno11", "twitter", "ubuntu", "unicorn", "user",
        "wachtwoord", "welcome", "welcome01", "welcome1", "welcome123", "whatever", "whatever1", "william", "windows",
        "winner", "winter", "yahoo", "yamaha", "yankees", "yellow", "yourpassword", "zaq!2wsx", "zaq12wsx",
        "zaq1zaq1", "zelda", "zxc123", "zxcvbnm", "zxcvzxcv",
    ]
}
